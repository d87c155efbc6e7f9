/**
 * A set of gate slots as a bitset (slot s is in the set iff bit s of word s >>> 5 is set). V8 keeps
 * typed arrays of at most 64 bytes on the JS heap and gives larger ones an off-heap backing store,
 * which costs ~0.5 µs to allocate; one byte per slot (~100 slots) crossed that line for every
 * prompt, while 32 slots per word keeps the per-text set small.
 */
export type SlotSet = Uint32Array;

export function emptySlotSet(slots: number): SlotSet {
  return new Uint32Array((slots + 31) >>> 5);
}

export function hasSlot(set: SlotSet, slot: number): boolean {
  return ((set[slot >>> 5]! >>> (slot & 31)) & 1) === 1;
}

export function addSlot(set: SlotSet, slot: number): void {
  set[slot >>> 5] = set[slot >>> 5]! | (1 << (slot & 31));
}
