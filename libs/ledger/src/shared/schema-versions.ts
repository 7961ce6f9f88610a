/**
 * The current payload version of each event type whose shape has changed. Types not listed are at version 1.
 * When a shape changes: bump it here, keep the old reader as an upcaster in upcasters.ts, never rewrite the log.
 */
export const SCHEMA_VERSIONS: Readonly<Record<string, number>> = {};
