/**
 * The batch size for every cursor that walks a whole course. Without one, an engine may answer a
 * getMore with everything left (the embedded one does), and a 25,000-row export or a 300,000-record
 * count then sat in memory at once; with it, memory stays flat as courses grow.
 */
export const CURSOR_BATCH_SIZE = 1000;
