import { recordSheetsEndpoints, type TRecordSheetSave } from "@contracts/recordSheets";
import { call } from "./call";

/** Typed calls for certification by record-sheet sign-off (#15 item 5). */
export const recordSheetsApi = {
  list: (signal?: AbortSignal) => call(recordSheetsEndpoints.list, { signal }),
  save: (qualificationCode: string, body: TRecordSheetSave) =>
    call(recordSheetsEndpoints.save, { params: { qualificationCode }, body }),
  submit: (qualificationCode: string, body: TRecordSheetSave) =>
    call(recordSheetsEndpoints.submit, { params: { qualificationCode }, body }),
  signOff: (sheetId: string, body: { comment: string; expectedVersion: number }) =>
    call(recordSheetsEndpoints.signOff, { params: { sheetId }, body }),
  release: (sheetId: string, expectedVersion: number) =>
    call(recordSheetsEndpoints.release, { params: { sheetId }, body: { expectedVersion } }),
};
