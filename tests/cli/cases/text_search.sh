# BM25 over a file's lines: words given (--presegmented) and words cut by the segmenter; bad
# parameters refused.
# tolerance: 1e-9 relative
# checked: by hand (tests/engines/text/bm25_index_test.cpp): N = 3, avgdl = 3; 锂 in two
#   lines, Lucene idf ln(1 + 1.5/2.5) = ln 1.6 = 0.470004; line 3 (锂 twice, 4 words)
#   0.470004 × 2 × 2.2 / (2 + 1.2 × (0.25 + 0.75 × 4/3)) = 0.590862, line 1 0.470004.
printf '锂 电池 材料\n电池 回收\n锂 锂 矿 资源\n' > docs.txt
xinzhi text search docs.txt 锂 --presegmented
xinzhi text search docs.txt '锂 电池' --presegmented --json
printf '锂电池正极材料的制备方法\n动力电池回收利用技术\n一种新型车规级芯片\n' > raw.txt
xinzhi text search raw.txt 电池回收
xinzhi text search docs.txt 锂 --k1 -1; echo "exit $?"
xinzhi text search missing.txt 锂; echo "exit $?"
