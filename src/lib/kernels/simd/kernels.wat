;; WebAssembly SIMD kernels that run on tfjs-backend-wasm's own heap (its memory is imported), for
;; the training kernels the backend does slowly or not at all. Pointers are byte offsets into that
;; memory; sizes are element counts. Assembled by scripts/build-simd-kernels.ts into kernels.wasm.ts
;; (a test checks the two agree). Four float32 channels at a time: callers pass channel counts that
;; are multiples of 4 and handle the rest themselves.
(module
  (import "env" "memory" (memory 1))

  ;; MaxPoolGrad, NHWC: for each window and channel, the first largest input value (row-major
  ;; window order; NaN and -Infinity never win) receives that window's output gradient. Windows may
  ;; overlap, so gradients are added, into dx zeroed first.
  (func (export "maxPoolGrad")
    (param $x i32) (param $dy i32) (param $dx i32)
    (param $n i32) (param $h i32) (param $w i32) (param $ch i32)
    (param $ho i32) (param $wo i32) (param $sh i32) (param $sw i32)
    (param $fh i32) (param $fw i32) (param $top i32) (param $left i32)
    (local $b i32) (local $y i32) (local $q i32) (local $d i32) (local $r i32) (local $c i32)
    (local $r0 i32) (local $r1 i32) (local $c0 i32) (local $c1 i32)
    (local $g i32) (local $idx i32) (local $at i32)
    (local $best v128) (local $where v128) (local $v v128) (local $m v128) (local $grad v128)
    (memory.fill (local.get $dx) (i32.const 0)
      (i32.shl (i32.mul (i32.mul (i32.mul (local.get $n) (local.get $h)) (local.get $w)) (local.get $ch)) (i32.const 2)))
    (local.set $g (local.get $dy))
    (local.set $b (i32.const 0))
    (block $bdone (loop $bloop
      (br_if $bdone (i32.ge_u (local.get $b) (local.get $n)))
      (local.set $y (i32.const 0))
      (block $ydone (loop $yloop
        (br_if $ydone (i32.ge_u (local.get $y) (local.get $ho)))
        (local.set $r0 (i32.sub (i32.mul (local.get $y) (local.get $sh)) (local.get $top)))
        (local.set $r1 (i32.add (local.get $r0) (local.get $fh)))
        (if (i32.lt_s (local.get $r0) (i32.const 0)) (then (local.set $r0 (i32.const 0))))
        (if (i32.gt_s (local.get $r1) (local.get $h)) (then (local.set $r1 (local.get $h))))
        (local.set $q (i32.const 0))
        (block $qdone (loop $qloop
          (br_if $qdone (i32.ge_u (local.get $q) (local.get $wo)))
          (local.set $c0 (i32.sub (i32.mul (local.get $q) (local.get $sw)) (local.get $left)))
          (local.set $c1 (i32.add (local.get $c0) (local.get $fw)))
          (if (i32.lt_s (local.get $c0) (i32.const 0)) (then (local.set $c0 (i32.const 0))))
          (if (i32.gt_s (local.get $c1) (local.get $w)) (then (local.set $c1 (local.get $w))))
          (local.set $d (i32.const 0))
          (block $ddone (loop $dloop
            (br_if $ddone (i32.ge_u (local.get $d) (local.get $ch)))
            (local.set $best (f32x4.splat (f32.const -inf)))
            (local.set $where (i32x4.splat (i32.const -1)))
            (local.set $r (local.get $r0))
            (block $rdone (loop $rloop
              (br_if $rdone (i32.ge_s (local.get $r) (local.get $r1)))
              (local.set $c (local.get $c0))
              (block $cdone (loop $cloop
                (br_if $cdone (i32.ge_s (local.get $c) (local.get $c1)))
                ;; idx = ((b * h + r) * w + c) * ch + d
                (local.set $idx (i32.add (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $h))
                  (local.get $r)) (local.get $w)) (local.get $c)) (local.get $ch)) (local.get $d)))
                (local.set $v (v128.load (i32.add (local.get $x) (i32.shl (local.get $idx) (i32.const 2)))))
                (local.set $m (f32x4.gt (local.get $v) (local.get $best)))
                (local.set $best (v128.bitselect (local.get $v) (local.get $best) (local.get $m)))
                (local.set $where (v128.bitselect
                  (i32x4.add (i32x4.splat (local.get $idx)) (v128.const i32x4 0 1 2 3))
                  (local.get $where) (local.get $m)))
                (local.set $c (i32.add (local.get $c) (i32.const 1)))
                (br $cloop)))
              (local.set $r (i32.add (local.get $r) (i32.const 1)))
              (br $rloop)))
            (local.set $grad (v128.load (local.get $g)))
            (local.set $at (i32x4.extract_lane 0 (local.get $where)))
            (if (i32.ge_s (local.get $at) (i32.const 0)) (then
              (local.set $at (i32.add (local.get $dx) (i32.shl (local.get $at) (i32.const 2))))
              (f32.store (local.get $at) (f32.add (f32.load (local.get $at)) (f32x4.extract_lane 0 (local.get $grad))))))
            (local.set $at (i32x4.extract_lane 1 (local.get $where)))
            (if (i32.ge_s (local.get $at) (i32.const 0)) (then
              (local.set $at (i32.add (local.get $dx) (i32.shl (local.get $at) (i32.const 2))))
              (f32.store (local.get $at) (f32.add (f32.load (local.get $at)) (f32x4.extract_lane 1 (local.get $grad))))))
            (local.set $at (i32x4.extract_lane 2 (local.get $where)))
            (if (i32.ge_s (local.get $at) (i32.const 0)) (then
              (local.set $at (i32.add (local.get $dx) (i32.shl (local.get $at) (i32.const 2))))
              (f32.store (local.get $at) (f32.add (f32.load (local.get $at)) (f32x4.extract_lane 2 (local.get $grad))))))
            (local.set $at (i32x4.extract_lane 3 (local.get $where)))
            (if (i32.ge_s (local.get $at) (i32.const 0)) (then
              (local.set $at (i32.add (local.get $dx) (i32.shl (local.get $at) (i32.const 2))))
              (f32.store (local.get $at) (f32.add (f32.load (local.get $at)) (f32x4.extract_lane 3 (local.get $grad))))))
            (local.set $g (i32.add (local.get $g) (i32.const 16)))
            (local.set $d (i32.add (local.get $d) (i32.const 4)))
            (br $dloop)))
          (local.set $q (i32.add (local.get $q) (i32.const 1)))
          (br $qloop)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $yloop)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $bloop)))
  )

  ;; Column sums of a [rows, cols] matrix: dst[c] = src[0, c] + src[1, c] + ... in row order, one
  ;; float32 accumulator per column (the order tfjs-backend-wasm's Sum adds in).
  (func (export "sumRows")
    (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32)
    (local $r i32) (local $c i32) (local $p i32) (local $o i32)
    (memory.fill (local.get $dst) (i32.const 0) (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $p (local.get $src))
    (local.set $r (i32.const 0))
    (block $rdone (loop $rloop
      (br_if $rdone (i32.ge_u (local.get $r) (local.get $rows)))
      (local.set $o (local.get $dst))
      (local.set $c (i32.const 0))
      (block $cdone (loop $cloop
        (br_if $cdone (i32.ge_u (local.get $c) (local.get $cols)))
        (v128.store (local.get $o) (f32x4.add (v128.load (local.get $o)) (v128.load (local.get $p))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $cloop)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rloop)))
  )
)
