import { struct, StructSchema } from './dsl';

export const STARROCKS_VALUES_SCHEMA: StructSchema = struct({});
