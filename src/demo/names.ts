// Fake Chinese names from small tables: a surname by rough frequency and a one- or two-character
// given name from characters common for the sex. Weights follow the familiar order of China's
// commonest surnames (王, 李, 张, 刘, 陈 … each several percent of the population); they are
// illustrative, not census figures. Every name is generated; none is a real person's record.
import { chance, pick, weighted, type RandomGenerator } from './random.ts';

const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['王', 72], ['李', 71], ['张', 68], ['刘', 54], ['陈', 46], ['杨', 32], ['黄', 23], ['赵', 22], ['吴', 21], ['周', 20],
  ['徐', 17], ['孙', 16], ['马', 15], ['朱', 14], ['胡', 13], ['郭', 12], ['何', 12], ['林', 11], ['高', 11], ['罗', 11],
  ['郑', 10], ['梁', 9], ['谢', 8], ['宋', 8], ['唐', 7], ['许', 7], ['韩', 7], ['冯', 7], ['邓', 7], ['曹', 6],
  ['彭', 6], ['曾', 5], ['肖', 5], ['田', 5], ['董', 5], ['潘', 4], ['袁', 4], ['蔡', 4], ['蒋', 4], ['于', 4],
  ['余', 4], ['杜', 4], ['叶', 4], ['程', 4], ['魏', 4], ['苏', 3], ['吕', 3], ['丁', 3], ['任', 3], ['卢', 3],
];

const GIVEN: Record<'female' | 'male', readonly string[]> = {
  female: ['秀', '英', '芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '玲', '桂', '兰', '婷', '雪', '慧', '颖', '琳', '欣', '怡', '佳', '梅', '红', '燕', '萍', '洁', '倩', '晶', '璐', '瑶'],
  male: ['伟', '强', '磊', '军', '勇', '杰', '涛', '明', '超', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波', '斌', '宇', '浩', '凯', '健', '俊', '帆', '建', '国', '志', '林', '峰', '晨'],
};

export type Sex = 'female' | 'male';

export function surname(rng: RandomGenerator): string {
  return weighted(rng, SURNAMES);
}

/** A given name of one or two characters (two in about three names of four). */
export function givenName(rng: RandomGenerator, sex: Sex): string {
  const first = pick(rng, GIVEN[sex]);
  if (!chance(rng, 0.75)) return first;
  let second = pick(rng, GIVEN[sex]);
  if (second === first) second = pick(rng, GIVEN[sex]);
  return first + second;
}

export function fullName(rng: RandomGenerator, sex: Sex, familyName: string = surname(rng)): string {
  return familyName + givenName(rng, sex);
}
