// The criteria parser's version, stored with every rule set it produced: a change to the parser
// (lexicon, patterns, rule shapes) must bump it, so that stored parser output is refreshed.
// Date-stamped: YYYY-MM-DD and a serial for several changes on one day.
export const PARSER_VERSION = '2026-11-22.3';
