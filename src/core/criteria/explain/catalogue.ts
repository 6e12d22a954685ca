import type { Explanation, MessageCode, MessageParams } from './messages.ts';

/** Renders a nested explanation in the catalogue's own language. */
export type Say = (explanation: Explanation) => string;

/** One message per code; `satisfies Catalogue` makes a missing code a type error. */
export type Catalogue = { [C in MessageCode]: (params: MessageParams[C], say: Say) => string };
