export async function runDemo(_o: { count: number; out: (l: string) => void }): Promise<void> {}
