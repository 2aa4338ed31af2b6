/** "recognised from <issuer> (<host>)": how recognised training is named everywhere. */
export const recognisedLabel = (issuerName: string, issuerId: string) =>
  `Recognised from ${issuerName} (${new URL(issuerId).host})`;
