/** How long a deleted memo can be brought back ("Undo") before the delete is sent to the API. */
export const UNDO_DELETE_MS = 8_000;
