//! Segmenting into reused buffers allocates nothing: no allocation per
//! sentence, token or article once the buffers have grown.

use newsmill_doc::Span;
use newsmill_sentences::Segmenter;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// Counts allocations made by the thread that asked for counting.
struct Counting;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn note_allocation() {
    // `try_with`: the thread-locals may already be gone while a thread exits.
    let _ = COUNTING.try_with(|on| {
        if on.get() {
            let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        }
    });
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note_allocation();
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note_allocation();
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_during(f: impl FnOnce()) -> usize {
    ALLOCATIONS.with(|n| n.set(0));
    COUNTING.with(|on| on.set(true));
    f();
    COUNTING.with(|on| on.set(false));
    ALLOCATIONS.with(|n| n.get())
}

#[test]
fn segmenting_into_grown_buffers_does_not_allocate() {
    let segmenter = Segmenter::default();
    let articles = [
        "WELLINGTON (Newswire) - Lt. Col. Ari Kane said on Jan. 4 that Acme Corp. \
         had paid $1.2bn. \u{201c}We are done,\u{201d} he said. Was it worth it?! \
         Analysts at U.S. banks... disagreed. See https://example.org/a for more.\n\n\
         1. Costs rose 3.5%. 2. Sales fell. Talks resume at 9 a.m. Friday",
        "Short one. Then another! And a third? Yes\n\nFloods Hit Town\nRoads closed.",
    ];
    let (mut tokens, mut sentences) = (Vec::new(), Vec::new());
    let run = |tokens: &mut Vec<_>, sentences: &mut Vec<Span>| {
        for text in articles {
            tokens.clear();
            sentences.clear();
            segmenter
                .segment_into(text, Span::new(0, text.len()), tokens, sentences)
                .unwrap();
            assert!(sentences.len() > 3);
        }
    };
    // The counter works: a fresh segmentation allocates its vectors.
    assert!(allocations_during(|| drop(std::hint::black_box(segmenter.segment(articles[1])))) > 0);
    // The first round grows the buffers.
    run(&mut tokens, &mut sentences);
    let count = allocations_during(|| run(&mut tokens, &mut sentences));
    assert_eq!(count, 0, "allocations while segmenting into grown buffers");
}
