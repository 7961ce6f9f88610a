import type { DataSource } from 'typeorm';

/** A unit and every unit below it (a detachment rolls up its brigades, a brigade its squads registered as units). */
export async function unitAndDescendants(db: DataSource, unitId: string): Promise<string[]> {
  const rows: { unit_id: string }[] = await db.query(
    `WITH RECURSIVE tree(unit_id) AS (
       SELECT $1::text
       UNION
       SELECT u.unit_id FROM units u JOIN tree t ON u.parent_id = t.unit_id
     )
     SELECT unit_id FROM tree ORDER BY unit_id`,
    [unitId],
  );
  return rows.map((r) => r.unit_id);
}
