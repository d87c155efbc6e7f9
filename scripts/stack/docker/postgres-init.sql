-- Run once by the pgvector/pgvector:pg15 image (docker-compose.yml) at first init, as superuser,
-- in POSTGRES_DB (sentinel): the same state scripts/stack/up.sh creates natively.
CREATE EXTENSION IF NOT EXISTS vector;
