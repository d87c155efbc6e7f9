// End-to-end tests run real worker processes through whole streams: five minutes per test.
jest.setTimeout(300_000);
