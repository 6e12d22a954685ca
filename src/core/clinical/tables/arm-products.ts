// Which products each study arm gives, so a recorded administration of a product outside the
// subject's arm is flagged (never refused: the record must say what was given). By arm code first;
// an arm not listed here is matched by the words of its protocol `intervention` text.
// Sources: the arm descriptions of NCT05794425 (UCB + UC-MSC vs cyclosporine A) and NCT03055078
// (UC-MSC), clinical-domain.md §0.
export const ARM_PRODUCTS_VERSION = 'arm-products-2026-12.1';

export type Product = 'UC-MSC' | 'UCB' | 'cyclosporine A';

/** Products by arm code (protocol settings `arms[].code`). */
export const ARM_PRODUCTS: Readonly<Record<string, readonly Product[]>> = {
  UCB_MSC: ['UCB', 'UC-MSC'],
  CSA: ['cyclosporine A'],
  UC_MSC: ['UC-MSC'],
  CONTROL: [],
};

/** Words of an arm's intervention text that name a product (lower case, matched as substrings). */
export const PRODUCT_WORDS: ReadonlyArray<{ product: Product; words: readonly string[] }> = [
  { product: 'UC-MSC', words: ['uc-msc', 'mesenchymal', 'cord msc', 'cord-derived msc'] },
  { product: 'UCB', words: ['cord blood', 'ucb'] },
  { product: 'cyclosporine A', words: ['cyclosporin', 'ciclosporin', 'csa'] },
];
