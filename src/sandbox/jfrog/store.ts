/**
 * The emulator's state: integrations by name, and each integration's mappings partitioned by project
 * (`""` = global). Deleting an integration deletes its mappings (the reference calls the cascade unconfirmed;
 * keeping orphans would let a re-created integration inherit stale trust).
 */
import type { IdentityMapping } from "../../jfrog/types.js";
import type { StoredIntegration } from "./validate-integration.js";

const GLOBAL = "";

export class Store {
  #integrations = new Map<string, StoredIntegration>();
  /** provider → project key (GLOBAL for none) → mapping name → mapping */
  #mappings = new Map<string, Map<string, Map<string, IdentityMapping>>>();

  listIntegrations(): StoredIntegration[] {
    return [...this.#integrations.values()];
  }

  getIntegration(name: string): StoredIntegration | undefined {
    return this.#integrations.get(name);
  }

  putIntegration(integration: StoredIntegration): void {
    this.#integrations.set(integration.name, integration);
  }

  deleteIntegration(name: string): boolean {
    this.#mappings.delete(name);
    return this.#integrations.delete(name);
  }

  listMappings(provider: string, projectKey?: string): IdentityMapping[] {
    return [...(this.#scope(provider, projectKey)?.values() ?? [])];
  }

  getMapping(provider: string, projectKey: string | undefined, name: string): IdentityMapping | undefined {
    return this.#scope(provider, projectKey)?.get(name);
  }

  putMapping(provider: string, projectKey: string | undefined, mapping: IdentityMapping): void {
    const key = projectKey ?? GLOBAL;
    const byProject = this.#mappings.get(provider) ?? new Map<string, Map<string, IdentityMapping>>();
    const byName = byProject.get(key) ?? new Map<string, IdentityMapping>();
    byName.set(mapping.name, mapping);
    byProject.set(key, byName);
    this.#mappings.set(provider, byProject);
  }

  deleteMapping(provider: string, projectKey: string | undefined, name: string): boolean {
    return this.#scope(provider, projectKey)?.delete(name) ?? false;
  }

  /** Every mapping of every provider and project (each carries its `provider_name` and `project_key`). */
  allMappings(): IdentityMapping[] {
    return [...this.#mappings.values()].flatMap((byProject) =>
      [...byProject.values()].flatMap((byName) => [...byName.values()]),
    );
  }

  clear(): void {
    this.#integrations.clear();
    this.#mappings.clear();
  }

  #scope(provider: string, projectKey: string | undefined): Map<string, IdentityMapping> | undefined {
    return this.#mappings.get(provider)?.get(projectKey ?? GLOBAL);
  }
}
