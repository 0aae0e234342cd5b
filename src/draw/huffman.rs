//! Lengths of Huffman codes, limited as deflate limits them: the one part of a deflate
//! encoder that is not about deflate's format.

/// Lengths of a Huffman code for symbols occurring `counts` times, none longer than `limit`:
/// an unused symbol gets none (0). Two symbols at least get a code, so that the code is
/// complete as decoders want it. Where the code would be too long, the counts are halved
/// until it is not: a code a little worse than the best, on a path that is rarely taken.
pub fn code_lengths(counts: &[u32], limit: u8) -> Vec<u8> {
    let mut counts = counts.to_vec();
    let mut used = counts.iter().filter(|&&c| c > 0).count();
    for count in counts.iter_mut() {
        if used >= 2 {
            break;
        }
        if *count == 0 {
            *count = 1;
            used += 1;
        }
    }
    loop {
        let lengths = huffman_lengths(&counts);
        if lengths.iter().all(|&l| l <= limit) {
            return lengths;
        }
        for count in counts.iter_mut().filter(|c| **c > 0) {
            *count = (*count >> 1) | 1;
        }
    }
}

/// Lengths of a Huffman code for symbols occurring `counts` times (unlimited), by Moffat and
/// Katajainen's in-place method ("In-place calculation of minimum-redundancy codes", 1995):
/// the used symbols sorted by count, a pass that builds the tree in the array (each merged
/// node's parent), one that turns parents into depths, one that hands leaves their depths.
/// No heap, and two allocations besides the result.
fn huffman_lengths(counts: &[u32]) -> Vec<u8> {
    let mut lengths = vec![0u8; counts.len()];
    let mut used: Vec<(u32, usize)> = counts
        .iter()
        .enumerate()
        .filter(|(_, c)| **c > 0)
        .map(|(symbol, &c)| (c, symbol))
        .collect();
    used.sort_unstable();
    let n = used.len();
    if n < 2 {
        for &(_, symbol) in &used {
            if let Some(l) = lengths.get_mut(symbol) {
                *l = 1;
            }
        }
        return lengths;
    }
    let mut a: Vec<u64> = used.iter().map(|&(c, _)| u64::from(c)).collect();
    let get = |a: &[u64], i: usize| a.get(i).copied().unwrap_or(0);
    let set = |a: &mut [u64], i: usize, v: u64| {
        if let Some(slot) = a.get_mut(i) {
            *slot = v;
        }
    };
    // Merge: node `next` (0 to n - 2) takes the two smallest of the leaves left (from `leaf`)
    // and the merged nodes left (from `root`); a merged node taken stores its parent.
    let (mut leaf, mut root) = (0, 0);
    for next in 0..n - 1 {
        let mut take = |a: &mut [u64]| -> u64 {
            if leaf >= n || (root < next && get(a, root) < get(a, leaf)) {
                let weight = get(a, root);
                set(a, root, next as u64);
                root += 1;
                weight
            } else {
                leaf += 1;
                get(a, leaf - 1)
            }
        };
        let first = take(&mut a);
        let second = take(&mut a);
        set(&mut a, next, first + second);
    }
    // Parents to depths, from the root (the last merged node) down.
    set(&mut a, n - 2, 0);
    for next in (0..n - 2).rev() {
        let parent = get(&a, next) as usize;
        let depth = get(&a, parent) + 1;
        set(&mut a, next, depth);
    }
    // Depths of the leaves: at each depth, the nodes not taken by merged nodes are leaves,
    // handed out from the largest count down.
    let (mut available, mut depth) = (1usize, 0u64);
    let mut internal = n as isize - 2;
    let mut leaf_at = n as isize - 1;
    while available > 0 {
        let mut taken = 0;
        while internal >= 0 && get(&a, internal as usize) == depth {
            taken += 1;
            internal -= 1;
        }
        while available > taken {
            set(&mut a, leaf_at as usize, depth);
            leaf_at -= 1;
            available -= 1;
        }
        available = 2 * taken;
        depth += 1;
    }
    for (&(_, symbol), &depth) in used.iter().zip(&a) {
        if let Some(l) = lengths.get_mut(symbol) {
            *l = depth.min(255) as u8;
        }
    }
    lengths
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Huffman codes are as short as codes get: their cost (each count times its code's
    /// length) equals the sum of the weights merged by the textbook method, which takes the
    /// two smallest weights again and again, for counts of every shape.
    #[test]
    fn huffman_codes_cost_what_the_textbook_method_gives() {
        let mut state = 5u32;
        for case in 0..200 {
            let symbols = 2 + case % 40;
            let counts: Vec<u32> = (0..symbols)
                .map(|_| {
                    state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    let r = state >> 16;
                    // Zeros, ties, small and large counts.
                    if r.is_multiple_of(5) {
                        0
                    } else {
                        1 + (r % 7) * (r % 300)
                    }
                })
                .collect();
            let lengths = huffman_lengths(&counts);
            let cost: u64 = counts
                .iter()
                .zip(&lengths)
                .map(|(&c, &l)| u64::from(c) * u64::from(l))
                .sum();
            let mut weights: Vec<u64> = counts
                .iter()
                .filter(|&&c| c > 0)
                .map(|&c| u64::from(c))
                .collect();
            let mut textbook = 0;
            while weights.len() > 1 {
                weights.sort_unstable_by(|a, b| b.cmp(a));
                let merged = weights.pop().unwrap() + weights.pop().unwrap();
                textbook += merged;
                weights.push(merged);
            }
            if counts.iter().filter(|&&c| c > 0).count() == 1 {
                // One symbol still needs a one-bit code.
                textbook = u64::from(*counts.iter().max().unwrap());
            }
            assert_eq!(cost, textbook, "{counts:?} {lengths:?}");
        }
    }
}
