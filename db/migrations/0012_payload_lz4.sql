-- Custom migration (drizzle has no column compression). The protocol log and the stored purchase-order
-- documents hold whole messages: a 500-line PunchOutOrderMessage or OCI transfer is 300-350 kB. With
-- PostgreSQL's default pglz, storing one cost 8-9 ms of the transfer and took 87 kB; with lz4 3 ms and
-- 59 kB (BENCHMARKS.md, sixth pass). Only where the server was built with lz4: PGlite and some builds
-- have pglz alone, and there nothing changes.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)) THEN
    ALTER TABLE "protocol_messages" ALTER COLUMN "payload" SET COMPRESSION lz4;
    ALTER TABLE "purchase_order_documents" ALTER COLUMN "raw_document" SET COMPRESSION lz4;
    ALTER TABLE "purchase_order_documents" ALTER COLUMN "response_xml" SET COMPRESSION lz4;
  END IF;
END
$$;
