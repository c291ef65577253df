import { describe, expect, it } from "vitest";
import { postgresConnection, socketOptions } from "@/db/client";

describe("postgresConnection (libpq-style socket URLs for postgres.js)", () => {
  it.each([
    ["TCP stays as it is", "postgres://u:p@db.example.nl:5433/koppel?sslmode=require", "postgres://u:p@db.example.nl:5433/koppel?sslmode=require", undefined],
    ["?host=/dir is the socket directory, and is not sent to the server", "postgres://postgres@localhost/koppel?host=/var/run/postgresql", "postgres://postgres@localhost/koppel", "/var/run/postgresql"],
    ["other parameters and the port stay", "postgres://postgres@localhost:5433/koppel?host=/tmp&application_name=x", "postgres://postgres@localhost:5433/koppel?application_name=x", "/tmp"],
    ["a percent-encoded path as host", "postgres://postgres@%2Fvar%2Frun%2Fpostgresql/koppel", "postgres://postgres@localhost/koppel", "/var/run/postgresql"],
    ["a host parameter that is not a path is left to postgres.js", "postgres://postgres@localhost/koppel?host=db", "postgres://postgres@localhost/koppel?host=db", undefined],
  ])("%s", (_label, input, url, socketDir) => {
    const connection = postgresConnection(input);
    expect(connection).toEqual({ url, socketDir });
    expect(socketOptions(connection)).toEqual(socketDir ? { host: socketDir } : {});
  });
});
