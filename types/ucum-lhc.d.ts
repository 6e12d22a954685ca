// @lhncbc/ucum-lhc ships no types; this covers the part Eligo calls.
declare module '@lhncbc/ucum-lhc' {
  export interface UcumConversionResult {
    status: 'succeeded' | 'failed' | 'error';
    toVal: number | null;
    msg: string[];
    fromUnit?: unknown;
    toUnit?: unknown;
  }
  export interface UcumValidationResult {
    status: 'valid' | 'invalid' | 'error';
    ucumCode: string | null;
    msg: string[];
    unit?: { code: string; name: string; guidance?: string } | null;
  }
  export class UcumLhcUtils {
    static getInstance(): UcumLhcUtils;
    validateUnitString(unit: string, suggest?: boolean, valConv?: string): UcumValidationResult;
    /** 7.x takes an options object; mass↔mole conversions need `molecularWeight` (g/mol). */
    convertUnitTo(fromUnit: string, fromVal: number, toUnit: string, options?: { suggest?: boolean; molecularWeight?: number | null; charge?: number | null }): UcumConversionResult;
    commensurablesList(fromUnit: string): [unknown[] | null, string[]];
  }
  const ucum: { UcumLhcUtils: typeof UcumLhcUtils };
  export default ucum;
}
