import { randomBytes } from "node:crypto";

/** Opaque, unguessable reference for a transferred cart line (cXML SupplierPartAuxiliaryID ≤ 60 chars). */
export function newLineReference(): string {
  return `KL-${randomBytes(9).toString("base64url")}`;
}
