-- The licence an organisation gives its open data (an SPDX id), when not the default CC BY 4.0.
-- Below it, an organisation without its own takes the nearest one above it.
CREATE TABLE open_data_licence (
    org_id     TEXT NOT NULL PRIMARY KEY REFERENCES organisation (id),
    licence    TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
