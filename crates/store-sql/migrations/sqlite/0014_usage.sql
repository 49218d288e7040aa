-- Staff's AI usage figures: per organisation, tool and month, the number of distinct users and
-- of uses, counted when a usage file is imported. No user identifier is stored; published
-- figures hold back cells with fewer users than the threshold (`aireg_domain::usage`).
CREATE TABLE usage_figure (
    org_id      TEXT NOT NULL REFERENCES organisation (id),
    tool        TEXT NOT NULL,
    month       TEXT NOT NULL,
    users       BIGINT NOT NULL,
    uses        BIGINT NOT NULL,
    imported_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, month, tool)
);
