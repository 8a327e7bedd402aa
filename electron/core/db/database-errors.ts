/** The database was written by a newer RosterDesk: refuse to open it and touch nothing. */
export class DatabaseTooNewError extends Error {
  constructor(
    readonly file: string,
    readonly fileVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `The cache ${file} was written by a newer RosterDesk (schema version ${fileVersion}; this version knows up to ${knownVersion}). ` +
        'Update RosterDesk to open it. The file was not changed.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

/** The migrations recorded in the file are not the ones this version ships. */
export class MigrationsOutOfSyncError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(
      `The cache ${file} does not match this RosterDesk's migrations: ${detail}. The file was not changed.`,
    );
    this.name = 'MigrationsOutOfSyncError';
  }
}
