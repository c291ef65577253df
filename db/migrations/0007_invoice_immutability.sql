-- Issued invoices and credit notes never change (EINVOICE.md; Dutch bookkeeping rules): corrections
-- are credit notes. Only the payment timestamp may be set afterwards. Enforced in the database so
-- no code path, script or manual UPDATE can alter an issued document.
CREATE FUNCTION koppel_invoices_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'issued invoice % cannot be deleted', OLD.number USING ERRCODE = 'P0001';
  END IF;
  IF (to_jsonb(NEW) - 'paid_at') IS DISTINCT FROM (to_jsonb(OLD) - 'paid_at') THEN
    RAISE EXCEPTION 'issued invoice % is immutable (only paid_at may change)', OLD.number USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER invoices_immutable BEFORE UPDATE OR DELETE ON invoices FOR EACH ROW EXECUTE FUNCTION koppel_invoices_immutable();
--> statement-breakpoint
CREATE FUNCTION koppel_invoice_lines_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'lines of an issued invoice cannot be changed or deleted' USING ERRCODE = 'P0001';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER invoice_lines_immutable BEFORE UPDATE OR DELETE ON invoice_lines FOR EACH ROW EXECUTE FUNCTION koppel_invoice_lines_immutable();
