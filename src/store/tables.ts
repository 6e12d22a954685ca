// The database's tables as Kysely sees them. Each area adds its tables' interfaces here,
// beside the migration that creates them (src/store/migrations/).
export interface Tables {
  eligo_meta: EligoMetaTable;
}

export interface EligoMetaTable {
  key: string;
  value: string;
}
