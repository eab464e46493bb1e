-- DataGouvTerr on PostgreSQL: what the application role (the role the hub runs as) may do.
-- Run as the OWNER role, after `migrate` has run as that owner (it creates the tables and installs the audit log's
-- append-only triggers). Replace dgt_app with your application role. See README, "PostgreSQL roles".
GRANT USAGE ON SCHEMA public TO dgt_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO dgt_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO dgt_app;
-- The audit log and its Merkle tree: append and read, nothing else. Not being their owner, the application role can
-- neither drop nor disable their triggers.
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log, audit_tree_nodes FROM dgt_app;
-- Hangfire's job tables (schema created by the owner's first start): read and written by the job server.
GRANT USAGE ON SCHEMA hangfire TO dgt_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA hangfire TO dgt_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA hangfire TO dgt_app;
