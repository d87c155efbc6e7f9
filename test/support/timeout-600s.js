// Fuzz suites run tens of thousands of generated inputs (and one real worker process): ten minutes per test.
jest.setTimeout(600_000);
