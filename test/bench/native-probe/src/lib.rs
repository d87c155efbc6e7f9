//! Measurement probe, not product code: the injection embedder (hashed n-grams) and the signature
//! row scan of pipelines/detect/injection/{embedder,signature-scan}.ts, ported with the same integer
//! and float semantics (compare.js checks every vector and similarity bit for bit), to measure what
//! a native detection core would gain over V8 on this code, the N-API crossing included.
//! Limits: ASCII lower-casing and ASCII/NBSP whitespace only (the probe's prompts are ASCII), and
//! always the row scan (the TypeScript scanner switches to posting lists for short prompts).
use napi::bindgen_prelude::*;
use napi::JsString;
use napi_derive::napi;
use std::cell::RefCell;

/// The signatures in compressed sparse rows, as SignatureIndex keeps them.
struct Sigs { idx: Vec<i32>, val: Vec<f64>, row_start: Vec<i32>, dim: usize }

thread_local! {
    static SIGS: RefCell<Option<Sigs>> = const { RefCell::new(None) };
    /// Padded text, integer counts: reused per call, as the TypeScript embedder reuses its buffers.
    static SCRATCH: RefCell<(Vec<u16>, Vec<i32>)> = const { RefCell::new((Vec::new(), Vec::new())) };
}

/// FNV-1a step in int32, as `fnvStep`.
#[inline(always)]
fn fnv_step(h: i32, c: u16) -> i32 { (h ^ c as i32).wrapping_mul(0x01000193) }

/// murmur3's finaliser, as `fmix`.
#[inline(always)]
fn fmix(h: i32) -> u32 {
    let mut h = h as u32;
    h ^= h >> 16;
    h = h.wrapping_mul(0x85ebca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2ae35);
    h ^ (h >> 16)
}

/// Bucket from bits 1..31, sign from bit 0.
#[inline(always)]
fn add(v: &mut [i32], m: u32, dim: u32, weight: i32) {
    let sign = (((m & 1) << 1) as i32) - 1;
    v[((m >> 1) % dim) as usize] += sign * weight;
}

fn is_word(c: u16) -> bool { (97..=122).contains(&c) || (48..=57).contains(&c) || (65..=90).contains(&c) || c > 127 }

/// " text " with ASCII lower-cased and whitespace collapsed and trimmed, as UTF-16 code units.
fn padded(text: &[u16], out: &mut Vec<u16>) {
    out.clear();
    out.push(32);
    let mut pending = false;
    for &c in text {
        if c == 32 || (9..=13).contains(&c) || c == 0xa0 {
            pending = out.len() > 1;
            continue;
        }
        if pending { out.push(32); pending = false; }
        out.push(if (65..=90).contains(&c) { c + 32 } else { c });
    }
    out.push(32);
}

/// Character 3/4/5-grams (weight 1), word unigrams and bigrams (`weight`), in `ngramCounts`' order.
fn counts(s: &[u16], v: &mut [i32], dim: u32, weight: i32) {
    let n = s.len();
    let basis = 0x811c9dc5u32 as i32;
    let mut i = 0;
    while i + 5 <= n {
        let h3 = fnv_step(fnv_step(fnv_step(basis, s[i]), s[i + 1]), s[i + 2]);
        let h4 = fnv_step(h3, s[i + 3]);
        let h5 = fnv_step(h4, s[i + 4]);
        add(v, fmix(h3.wrapping_add(2)), dim, 1);
        add(v, fmix(h4.wrapping_add(3)), dim, 1);
        add(v, fmix(h5.wrapping_add(4)), dim, 1);
        i += 1;
    }
    while i + 3 <= n {
        let mut h = fnv_step(fnv_step(basis, s[i]), s[i + 1]);
        for k in 2..5.min(n - i) {
            h = fnv_step(h, s[i + k]);
            add(v, fmix(h.wrapping_add(k as i32)), dim, 1);
        }
        i += 1;
    }
    let (mut prev, mut h, mut in_word) = (0i32, basis, false);
    for i in 0..=n {
        let c = if i < n { s[i] } else { 32 };
        if is_word(c) {
            h = fnv_step(h, c);
            in_word = true;
        } else if in_word {
            add(v, fmix(h ^ 0x5bd1e995), dim, weight);
            if prev != 0 { add(v, fmix(prev.wrapping_mul(0x9e3779b1u32 as i32) ^ h), dim, weight); }
            prev = h;
            h = basis;
            in_word = false;
        }
    }
}

/// The L2-normalised embedding, each value rounded to f32 as the TypeScript Float32Array holds it.
fn embed_into(text: &[u16], dim: usize, q: &mut Vec<f64>) {
    q.clear();
    q.resize(dim, 0.0);
    SCRATCH.with(|s| {
        let (codes, v) = &mut *s.borrow_mut();
        padded(text, codes);
        if codes.len() == 2 { return; }
        v.clear();
        v.resize(dim, 0);
        counts(codes, v, dim as u32, 2);
        let norm: f64 = v.iter().map(|&x| (x as f64) * (x as f64)).sum();
        if norm > 0.0 {
            let inv = 1.0 / norm.sqrt();
            for (out, &x) in q.iter_mut().zip(v.iter()) { *out = ((x as f64) * inv) as f32 as f64; }
        }
    });
}

/// The JS string's UTF-16 code units: napi-rs 2's buffer ends with the C terminator.
fn code_units(text: JsString) -> Result<Vec<u16>> {
    let t = text.into_utf16()?;
    let s = t.as_slice();
    Ok(match s.split_last() { Some((0, rest)) => rest.to_vec(), _ => s.to_vec() })
}

#[napi]
pub fn load_signatures(idx: Int32Array, val: Float64Array, row_start: Int32Array, dim: u32) {
    let sigs = Sigs { idx: idx.to_vec(), val: val.to_vec(), row_start: row_start.to_vec(), dim: dim as usize };
    SIGS.with(|s| *s.borrow_mut() = Some(sigs));
}

/// The embedding, for the bit-for-bit check.
#[napi]
pub fn embed(text: JsString, dim: u32) -> Result<Float32Array> {
    let mut q = Vec::new();
    embed_into(&code_units(text)?, dim as usize, &mut q);
    Ok(Float32Array::new(q.iter().map(|&x| x as f32).collect()))
}

/// Embedding only, one value returned: the embedder's native cost with the crossing.
#[napi]
pub fn embed_only(text: JsString, dim: u32) -> Result<f64> {
    let mut q = Vec::new();
    embed_into(&code_units(text)?, dim as usize, &mut q);
    Ok(q[0])
}

/// Best cosine similarity of the text's embedding to any loaded signature (row scan, ascending
/// dimensions from +0 in each row, as `similarityScanner`, so the sums are bit-identical).
#[napi]
pub fn best_similarity(text: JsString) -> Result<f64> {
    let units = code_units(text)?;
    SIGS.with(|s| {
        let b = s.borrow();
        let sg = b.as_ref().ok_or_else(|| Error::from_reason("loadSignatures first"))?;
        let mut q = Vec::new();
        embed_into(&units, sg.dim, &mut q);
        let mut best = f64::NEG_INFINITY;
        for row in sg.row_start.windows(2) {
            let mut acc = 0.0f64;
            for k in row[0] as usize..row[1] as usize { acc += sg.val[k] * q[sg.idx[k] as usize]; }
            best = best.max(acc);
        }
        Ok(best)
    })
}

/// The crossing alone: the string copied out of V8 as UTF-16, nothing computed.
#[napi]
pub fn crossing(text: JsString) -> Result<u32> {
    Ok(code_units(text)?.len() as u32)
}
