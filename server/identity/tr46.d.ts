/** tr46 ships no types; only the two functions and the options Vouch uses. */
declare module "tr46" {
  export interface Tr46Options {
    checkBidi?: boolean;
    checkHyphens?: boolean;
    checkJoiners?: boolean;
    ignoreInvalidPunycode?: boolean;
    transitionalProcessing?: boolean;
    useSTD3ASCIIRules?: boolean;
    verifyDNSLength?: boolean;
  }
  /** null when the name is not valid under the options. */
  export function toASCII(domainName: string, options?: Tr46Options): string | null;
  export function toUnicode(
    domainName: string,
    options?: Tr46Options,
  ): { domain: string; error: boolean };
}
