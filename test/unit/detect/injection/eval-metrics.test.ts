import { computeMetrics, groupedFolds, rocAuc, stratifiedFolds } from '../../../../pipelines/detect/injection';

describe('eval metrics', () => {
  const ex = [
    { score: 0.9, label: 1 as const },
    { score: 0.8, label: 1 as const },
    { score: 0.4, label: 1 as const },
    { score: 0.6, label: 0 as const },
    { score: 0.1, label: 0 as const },
  ];
  it('computes confusion metrics at the threshold', () => {
    const m = computeMetrics(ex, 0.5);
    expect([m.tp, m.fp, m.tn, m.fn]).toEqual([2, 1, 1, 1]);
    expect(m.precision).toBeCloseTo(2 / 3);
    expect(m.recall).toBeCloseTo(2 / 3);
    expect(m.f1).toBeCloseTo(2 / 3);
    expect(m.fpr).toBeCloseTo(0.5);
  });
  it('computes ROC AUC with ties as half', () => {
    expect(rocAuc(ex)).toBeCloseTo(5 / 6);
    expect(rocAuc([{ score: 0.5, label: 1 }, { score: 0.5, label: 0 }])).toBeCloseTo(0.5);
    expect(rocAuc([{ score: 1, label: 1 }])).toBeNaN();
  });
  it('stratified folds balance classes; grouped folds keep near-duplicates together', () => {
    const labels = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1] as const;
    const f = stratifiedFolds(labels, 5);
    for (let k = 0; k < 5; k++) expect(labels.filter((l, i) => f[i] === k && l === 1)).toHaveLength(1);
    const texts = ['one two three four five six seven', 'hello there one two three four five six seven', 'unrelated text here', 'another one', 'fifth'];
    const g = groupedFolds(texts, 3);
    expect(g[0]).toBe(g[1]);
  });
});
