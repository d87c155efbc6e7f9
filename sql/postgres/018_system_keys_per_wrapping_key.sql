-- A system key is "key_id as wrapped under wrapping_key_id": a process reads the generation wrapped
-- by the key its provider is configured with, and creates one if there is none. Before this, the
-- first process to touch a key fixed its provider for the whole database, and a process configured
-- with another provider or KMS key (a KMS-backed worker next to local ones, a new KMS_DEFAULT_KEY_ID)
-- could not unwrap it and refused to start. Changing the wrapping key therefore starts a new
-- generation of each system key (DLQ payloads sealed under the old one stay readable by processes
-- still configured with the old wrapping key; `sentinel keys` can re-wrap them if needed).
ALTER TABLE system_keys DROP CONSTRAINT IF EXISTS system_keys_pkey;
ALTER TABLE system_keys ADD PRIMARY KEY (key_id, wrapping_key_id);
