export declare const sourceDir: string;
export declare function embeddedDbBinaryPath(): string;
