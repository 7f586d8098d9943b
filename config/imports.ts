/*
| Importing the old register's files (module `imports`, docs/IMPORT.md).
*/
const importsConfig = {
  /** Rows parsed, sorted against the register and written together. */
  batchSize: 1_000,
  /** Refusals kept for the report; beyond this only their number is kept. */
  maxStoredRefusals: 5_000,
  /** The largest file the admin page takes (a million uses is about 80 MB). */
  maxFileSize: '300mb',
  /** Where uploaded files wait for their real run (under the app's root). */
  storageDir: 'storage/imports',
  /** A run with no progress for this long has lost its process (restart, crash). */
  stalledAfterMinutes: 10,
  /** Uploaded files and finished runs' files are removed after this many days. */
  keepFilesDays: 7,
}

export default importsConfig
