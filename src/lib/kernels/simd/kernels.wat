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

  ;; Conv2DBackpropFilter, NHWC, dilation 1 (tfjs takes no gradient through dilated convolutions):
  ;; dW[i, j, c, o] = sum over b, y, x of x[b, y*sh + i, x*sw + j, c] * dy[b, y, x, o], on an input
  ;; already padded (the caller copies it into a zeroed [n, hp, wp, cin] buffer, so no read falls
  ;; outside it). For a fixed filter row i the values (j, c) a pixel meets lie next to each other in
  ;; memory, kw*cin of them, so the sum is a product of two matrices read row by row: tiles of 3 of
  ;; those values by 8 (or 4) output channels stay in registers over one image's pixels, and dW,
  ;; zeroed first, gathers the images. cout must be a multiple of 4.
  (func (export "convFilterGrad")
    (param $xp i32) (param $dy i32) (param $out i32)
    (param $n i32) (param $hp i32) (param $wp i32) (param $cin i32)
    (param $ho i32) (param $wo i32) (param $cout i32)
    (param $kh i32) (param $kw i32) (param $sh i32) (param $sw i32)
    (local $b i32) (local $i i32) (local $q i32) (local $o i32) (local $seg i32)
    (local $ximg i32) (local $dimg i32) (local $xbase i32) (local $row0 i32)
    (local $xpix i32) (local $xrow i32) (local $dpix i32) (local $px i32) (local $pd i32) (local $acc i32)
    (memory.fill (local.get $out) (i32.const 0)
      (i32.shl (i32.mul (i32.mul (i32.mul (local.get $kh) (local.get $kw)) (local.get $cin)) (local.get $cout)) (i32.const 2)))
    (local.set $seg (i32.mul (local.get $kw) (local.get $cin)))
    (local.set $xpix (i32.shl (i32.mul (local.get $sw) (local.get $cin)) (i32.const 2)))
    ;; After a row of wo pixels: on to the start of the row sh below.
    (local.set $xrow (i32.shl (i32.mul (i32.sub (i32.mul (local.get $sh) (local.get $wp))
      (i32.mul (local.get $wo) (local.get $sw))) (local.get $cin)) (i32.const 2)))
    (local.set $dpix (i32.shl (local.get $cout) (i32.const 2)))
    (local.set $b (i32.const 0))
    (block $bdone (loop $bloop
      (br_if $bdone (i32.ge_u (local.get $b) (local.get $n)))
      (local.set $ximg (i32.add (local.get $xp)
        (i32.shl (i32.mul (i32.mul (i32.mul (local.get $b) (local.get $hp)) (local.get $wp)) (local.get $cin)) (i32.const 2))))
      (local.set $dimg (i32.add (local.get $dy)
        (i32.shl (i32.mul (i32.mul (i32.mul (local.get $b) (local.get $ho)) (local.get $wo)) (local.get $cout)) (i32.const 2))))
      (local.set $i (i32.const 0))
      (block $idone (loop $iloop
        (br_if $idone (i32.ge_u (local.get $i) (local.get $kh)))
        (local.set $xbase (i32.add (local.get $ximg)
          (i32.shl (i32.mul (i32.mul (local.get $i) (local.get $wp)) (local.get $cin)) (i32.const 2))))
        (local.set $row0 (i32.mul (local.get $i) (local.get $seg)))
        (local.set $q (i32.const 0))
        (block $qdone (loop $qloop
          (br_if $qdone (i32.ge_u (local.get $q) (local.get $seg)))
          (local.set $px (i32.add (local.get $xbase) (i32.shl (local.get $q) (i32.const 2))))
          (local.set $o (i32.const 0))
          (block $odone (loop $oloop
            (br_if $odone (i32.ge_u (local.get $o) (local.get $cout)))
            (local.set $pd (i32.add (local.get $dimg) (i32.shl (local.get $o) (i32.const 2))))
            (local.set $acc (i32.add (local.get $out)
              (i32.shl (i32.add (i32.mul (i32.add (local.get $row0) (local.get $q)) (local.get $cout)) (local.get $o)) (i32.const 2))))
            (if (i32.ge_u (i32.sub (local.get $seg) (local.get $q)) (i32.const 3))
              (then
                (if (i32.ge_u (i32.sub (local.get $cout) (local.get $o)) (i32.const 8))
                  (then
                    (call $tile3x8 (local.get $px) (local.get $pd) (local.get $acc) (local.get $ho) (local.get $wo)
                      (local.get $xpix) (local.get $xrow) (local.get $dpix) (local.get $dpix))
                    (local.set $o (i32.add (local.get $o) (i32.const 8))))
                  (else
                    (call $tile3x4 (local.get $px) (local.get $pd) (local.get $acc) (local.get $ho) (local.get $wo)
                      (local.get $xpix) (local.get $xrow) (local.get $dpix) (local.get $dpix))
                    (local.set $o (i32.add (local.get $o) (i32.const 4))))))
              (else
                (if (i32.ge_u (i32.sub (local.get $cout) (local.get $o)) (i32.const 8))
                  (then
                    (call $tile1x8 (local.get $px) (local.get $pd) (local.get $acc) (local.get $ho) (local.get $wo)
                      (local.get $xpix) (local.get $xrow) (local.get $dpix) (local.get $dpix))
                    (local.set $o (i32.add (local.get $o) (i32.const 8))))
                  (else
                    (call $tile1x4 (local.get $px) (local.get $pd) (local.get $acc) (local.get $ho) (local.get $wo)
                      (local.get $xpix) (local.get $xrow) (local.get $dpix) (local.get $dpix))
                    (local.set $o (i32.add (local.get $o) (i32.const 4)))))))
            (br $oloop)))
          (local.set $q (i32.add (local.get $q)
            (select (i32.const 3) (i32.const 1) (i32.ge_u (i32.sub (local.get $seg) (local.get $q)) (i32.const 3)))))
          (br $qloop)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $iloop)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $bloop)))
  )

  ;; The tiles of convFilterGrad, which differ only in size: R consecutive input values (each
  ;; splatted) times O output-gradient channels, summed over one image's output pixels into the
  ;; R x O block of dW at $acc (rows $orow bytes apart). 3 x 8 keeps its 6 sums, 3 splats and the
  ;; loaded gradient in registers (on x86-64, 16 of them); 3 x 16 and 4 x 16 spill and ran at half
  ;; the speed (benchmarks/wasm-conv-filter-grad.ts). The smaller three take the edges.
  (func $tile3x8
    (param $px i32) (param $pd i32) (param $acc i32) (param $ho i32) (param $wo i32)
    (param $xpix i32) (param $xrow i32) (param $dpix i32) (param $orow i32)
    (local $y i32) (local $x i32) (local $d v128) (local $s0 v128) (local $s1 v128) (local $s2 v128)
    (local $a0_0 v128) (local $a0_1 v128) (local $a1_0 v128) (local $a1_1 v128) (local $a2_0 v128) (local $a2_1 v128)
    (local.set $a0_0 (v128.load offset=0 (i32.add (local.get $acc) (i32.mul (local.get $orow) (i32.const 0)))))
    (local.set $a0_1 (v128.load offset=16 (i32.add (local.get $acc) (i32.mul (local.get $orow) (i32.const 0)))))
    (local.set $a1_0 (v128.load offset=0 (i32.add (local.get $acc) (i32.mul (local.get $orow) (i32.const 1)))))
    (local.set $a1_1 (v128.load offset=16 (i32.add (local.get $acc) (i32.mul (local.get $orow) (i32.const 1)))))
    (local.set $a2_0 (v128.load offset=0 (i32.add (local.get $acc) (i32.mul (local.get $orow) (i32.const 2)))))
    (local.set $a2_1 (v128.load offset=16 (i32.add (local.get $acc) (i32.mul (local.get $orow) (i32.const 2)))))
    (local.set $y (i32.const 0))
    (block $ydone (loop $yloop
      (br_if $ydone (i32.ge_u (local.get $y) (local.get $ho)))
      (local.set $x (local.get $wo))
      (block $xdone (loop $xloop
        (br_if $xdone (i32.eqz (local.get $x)))
        (local.set $s0 (v128.load32_splat offset=0 (local.get $px)))
        (local.set $s1 (v128.load32_splat offset=4 (local.get $px)))
        (local.set $s2 (v128.load32_splat offset=8 (local.get $px)))
        (local.set $d (v128.load offset=0 (local.get $pd)))
        (local.set $a0_0 (f32x4.add (local.get $a0_0) (f32x4.mul (local.get $s0) (local.get $d))))
        (local.set $a1_0 (f32x4.add (local.get $a1_0) (f32x4.mul (local.get $s1) (local.get $d))))
        (local.set $a2_0 (f32x4.add (local.get $a2_0) (f32x4.mul (local.get $s2) (local.get $d))))
        (local.set $d (v128.load offset=16 (local.get $pd)))
        (local.set $a0_1 (f32x4.add (local.get $a0_1) (f32x4.mul (local.get $s0) (local.get $d))))
        (local.set $a1_1 (f32x4.add (local.get $a1_1) (f32x4.mul (local.get $s1) (local.get $d))))
        (local.set $a2_1 (f32x4.add (local.get $a2_1) (f32x4.mul (local.get $s2) (local.get $d))))
        (local.set $px (i32.add (local.get $px) (local.get $xpix)))
        (local.set $pd (i32.add (local.get $pd) (local.get $dpix)))
        (local.set $x (i32.sub (local.get $x) (i32.const 1)))
        (br $xloop)))
      (local.set $px (i32.add (local.get $px) (local.get $xrow)))
      (local.set $y (i32.add (local.get $y) (i32.const 1)))
      (br $yloop)))
    (v128.store offset=0 (i32.add (local.get $acc) (i32.mul (local.get $orow) (i32.const 0))) (local.get $a0_0))
    (v128.store offset=16 (i32.add (local.get $acc) (i32.mul (local.get $orow) (i32.const 0))) (local.get $a0_1))
    (v128.store offset=0 (i32.add (local.get $acc) (i32.mul (local.get $orow) (i32.const 1))) (local.get $a1_0))
    (v128.store offset=16 (i32.add (local.get $acc) (i32.mul (local.get $orow) (i32.const 1))) (local.get $a1_1))
    (v128.store offset=0 (i32.add (local.get $acc) (i32.mul (local.get $orow) (i32.const 2))) (local.get $a2_0))
    (v128.store offset=16 (i32.add (local.get $acc) (i32.mul (local.get $orow) (i32.const 2))) (local.get $a2_1))
  )

  (func $tile1x8
    (param $px i32) (param $pd i32) (param $acc i32) (param $ho i32) (param $wo i32)
    (param $xpix i32) (param $xrow i32) (param $dpix i32) (param $orow i32)
    (local $y i32) (local $x i32) (local $d v128) (local $s0 v128)
    (local $a0_0 v128) (local $a0_1 v128)
    (local.set $a0_0 (v128.load offset=0 (i32.add (local.get $acc) (i32.mul (local.get $orow) (i32.const 0)))))
    (local.set $a0_1 (v128.load offset=16 (i32.add (local.get $acc) (i32.mul (local.get $orow) (i32.const 0)))))
    (local.set $y (i32.const 0))
    (block $ydone (loop $yloop
      (br_if $ydone (i32.ge_u (local.get $y) (local.get $ho)))
      (local.set $x (local.get $wo))
      (block $xdone (loop $xloop
        (br_if $xdone (i32.eqz (local.get $x)))
        (local.set $s0 (v128.load32_splat offset=0 (local.get $px)))
        (local.set $d (v128.load offset=0 (local.get $pd)))
        (local.set $a0_0 (f32x4.add (local.get $a0_0) (f32x4.mul (local.get $s0) (local.get $d))))
        (local.set $d (v128.load offset=16 (local.get $pd)))
        (local.set $a0_1 (f32x4.add (local.get $a0_1) (f32x4.mul (local.get $s0) (local.get $d))))
        (local.set $px (i32.add (local.get $px) (local.get $xpix)))
        (local.set $pd (i32.add (local.get $pd) (local.get $dpix)))
        (local.set $x (i32.sub (local.get $x) (i32.const 1)))
        (br $xloop)))
      (local.set $px (i32.add (local.get $px) (local.get $xrow)))
      (local.set $y (i32.add (local.get $y) (i32.const 1)))
      (br $yloop)))
    (v128.store offset=0 (i32.add (local.get $acc) (i32.mul (local.get $orow) (i32.const 0))) (local.get $a0_0))
    (v128.store offset=16 (i32.add (local.get $acc) (i32.mul (local.get $orow) (i32.const 0))) (local.get $a0_1))
  )

  (func $tile3x4
    (param $px i32) (param $pd i32) (param $acc i32) (param $ho i32) (param $wo i32)
    (param $xpix i32) (param $xrow i32) (param $dpix i32) (param $orow i32)
    (local $y i32) (local $x i32) (local $d v128) (local $s0 v128) (local $s1 v128) (local $s2 v128)
    (local $a0_0 v128) (local $a1_0 v128) (local $a2_0 v128)
    (local.set $a0_0 (v128.load offset=0 (i32.add (local.get $acc) (i32.mul (local.get $orow) (i32.const 0)))))
    (local.set $a1_0 (v128.load offset=0 (i32.add (local.get $acc) (i32.mul (local.get $orow) (i32.const 1)))))
    (local.set $a2_0 (v128.load offset=0 (i32.add (local.get $acc) (i32.mul (local.get $orow) (i32.const 2)))))
    (local.set $y (i32.const 0))
    (block $ydone (loop $yloop
      (br_if $ydone (i32.ge_u (local.get $y) (local.get $ho)))
      (local.set $x (local.get $wo))
      (block $xdone (loop $xloop
        (br_if $xdone (i32.eqz (local.get $x)))
        (local.set $s0 (v128.load32_splat offset=0 (local.get $px)))
        (local.set $s1 (v128.load32_splat offset=4 (local.get $px)))
        (local.set $s2 (v128.load32_splat offset=8 (local.get $px)))
        (local.set $d (v128.load offset=0 (local.get $pd)))
        (local.set $a0_0 (f32x4.add (local.get $a0_0) (f32x4.mul (local.get $s0) (local.get $d))))
        (local.set $a1_0 (f32x4.add (local.get $a1_0) (f32x4.mul (local.get $s1) (local.get $d))))
        (local.set $a2_0 (f32x4.add (local.get $a2_0) (f32x4.mul (local.get $s2) (local.get $d))))
        (local.set $px (i32.add (local.get $px) (local.get $xpix)))
        (local.set $pd (i32.add (local.get $pd) (local.get $dpix)))
        (local.set $x (i32.sub (local.get $x) (i32.const 1)))
        (br $xloop)))
      (local.set $px (i32.add (local.get $px) (local.get $xrow)))
      (local.set $y (i32.add (local.get $y) (i32.const 1)))
      (br $yloop)))
    (v128.store offset=0 (i32.add (local.get $acc) (i32.mul (local.get $orow) (i32.const 0))) (local.get $a0_0))
    (v128.store offset=0 (i32.add (local.get $acc) (i32.mul (local.get $orow) (i32.const 1))) (local.get $a1_0))
    (v128.store offset=0 (i32.add (local.get $acc) (i32.mul (local.get $orow) (i32.const 2))) (local.get $a2_0))
  )

  (func $tile1x4
    (param $px i32) (param $pd i32) (param $acc i32) (param $ho i32) (param $wo i32)
    (param $xpix i32) (param $xrow i32) (param $dpix i32) (param $orow i32)
    (local $y i32) (local $x i32) (local $d v128) (local $s0 v128)
    (local $a0_0 v128)
    (local.set $a0_0 (v128.load offset=0 (i32.add (local.get $acc) (i32.mul (local.get $orow) (i32.const 0)))))
    (local.set $y (i32.const 0))
    (block $ydone (loop $yloop
      (br_if $ydone (i32.ge_u (local.get $y) (local.get $ho)))
      (local.set $x (local.get $wo))
      (block $xdone (loop $xloop
        (br_if $xdone (i32.eqz (local.get $x)))
        (local.set $s0 (v128.load32_splat offset=0 (local.get $px)))
        (local.set $d (v128.load offset=0 (local.get $pd)))
        (local.set $a0_0 (f32x4.add (local.get $a0_0) (f32x4.mul (local.get $s0) (local.get $d))))
        (local.set $px (i32.add (local.get $px) (local.get $xpix)))
        (local.set $pd (i32.add (local.get $pd) (local.get $dpix)))
        (local.set $x (i32.sub (local.get $x) (i32.const 1)))
        (br $xloop)))
      (local.set $px (i32.add (local.get $px) (local.get $xrow)))
      (local.set $y (i32.add (local.get $y) (i32.const 1)))
      (br $yloop)))
    (v128.store offset=0 (i32.add (local.get $acc) (i32.mul (local.get $orow) (i32.const 0))) (local.get $a0_0))
  )
)
