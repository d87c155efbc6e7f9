// Integration tests talk to real services: give each test a minute (jest's project configs ignore testTimeout).
jest.setTimeout(60_000);
