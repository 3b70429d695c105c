/**
 * What reconcile needs of JFrog's identity mappings (the Access client implements it; tests and the sandbox pass
 * emulators). `scope.projectKey` addresses a project's mappings instead of the global ones.
 */
import type { IdentityMapping } from "./types.js";

export interface MappingScope {
  projectKey?: string;
}

export interface MappingApi {
  getMapping(provider: string, name: string, scope?: MappingScope): Promise<IdentityMapping | null>;
  createMapping(provider: string, mapping: IdentityMapping, scope?: MappingScope): Promise<unknown>;
  updateMapping(provider: string, mapping: IdentityMapping, scope?: MappingScope): Promise<unknown>;
  deleteMapping(provider: string, name: string, scope?: MappingScope): Promise<unknown>;
  listMappings(provider: string, scope?: MappingScope): Promise<IdentityMapping[]>;
}
