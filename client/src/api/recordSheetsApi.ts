import { ZRecordSheet, ZRecordSheetList, type TRecordSheetSave } from "@contracts/recordSheets";
import { apiRequest } from "./http";

/** Typed calls for certification by record-sheet sign-off (#15 item 5). */
export const recordSheetsApi = {
  list: (signal?: AbortSignal) => apiRequest("GET", "/api/record-sheets", { schema: ZRecordSheetList, signal }),
  save: (qualificationCode: string, body: TRecordSheetSave) => apiRequest("PUT", `/api/record-sheets/${encodeURIComponent(qualificationCode)}`, { body, schema: ZRecordSheet }),
  submit: (qualificationCode: string, body: TRecordSheetSave) => apiRequest("POST", `/api/record-sheets/${encodeURIComponent(qualificationCode)}/submit`, { body, schema: ZRecordSheet }),
  signOff: (sheetId: string, body: { comment: string; expectedVersion: number }) => apiRequest("POST", `/api/record-sheets/${sheetId}/sign-off`, { body, schema: ZRecordSheet }),
  release: (sheetId: string, expectedVersion: number) => apiRequest("POST", `/api/record-sheets/${sheetId}/release`, { body: { expectedVersion }, schema: ZRecordSheet }),
};
