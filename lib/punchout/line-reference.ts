import { randomFillSync } from "node:crypto";

const REFERENCE_BYTES = 9;
// Entropy is drawn for 256 references at a time (a 500-line transfer made 500 separate calls into
// the CSPRNG, 4 % of its CPU); every byte is still used once, as Node does for randomUUID.
const pool = Buffer.alloc(REFERENCE_BYTES * 256);
let offset = pool.length;

/** Opaque, unguessable reference for a transferred cart line (cXML SupplierPartAuxiliaryID ≤ 60 chars). */
export function newLineReference(): string {
  if (offset === pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const reference = `KL-${pool.toString("base64url", offset, offset + REFERENCE_BYTES)}`;
  offset += REFERENCE_BYTES;
  return reference;
}
