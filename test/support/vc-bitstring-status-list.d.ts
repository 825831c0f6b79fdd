/** The part of Digital Bazaar's (untyped) package the tests use. */
declare module '@digitalbazaar/vc-bitstring-status-list' {
  export function decodeList(options: {
    encodedList: string;
  }): Promise<{ getStatus(position: number): boolean; length: number }>;
}
