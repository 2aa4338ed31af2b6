/** The parts of @digitalbazaar/vc-bitstring-status-list we use (the package ships no types). */
declare module "@digitalbazaar/vc-bitstring-status-list" {
  export interface BitstringStatusList {
    setStatus(index: number, status: boolean): void;
    getStatus(index: number): boolean;
    encode(): Promise<string>;
  }
  export function createList(options: { length: number }): Promise<BitstringStatusList>;
  export function decodeList(options: { encodedList: string }): Promise<BitstringStatusList>;
  export function createCredential(options: {
    id: string;
    list: BitstringStatusList;
    statusPurpose: string;
    context?: string[];
  }): Promise<{
    "@context": string[];
    id: string;
    type: string[];
    credentialSubject: { id: string; type: string; encodedList: string; statusPurpose: string };
  }>;
}
