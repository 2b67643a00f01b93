# Word segmentation from standard input and from a file, with and without the HMM; lines that
# are not UTF-8 stop with file:line; a missing file. jieba's README examples (0.42.1, accurate
# mode) as the expected words.
# checked: the words against jieba's README (我来到北京清华大学 → 我/来到/北京/清华大学;
#   他来到了网易杭研大厦 → 他/来到/了/网易/杭研/大厦, 杭研 found by the HMM), and against
#   python3-jieba on the SIGHAN sets in tests/cli/segment_vs_jieba.py.
printf '我来到北京清华大学\n他来到了网易杭研大厦\n\n小明硕士毕业于中国科学院计算所，后在日本京都大学深造\n' | xinzhi text segment
printf '他来到了网易杭研大厦\r\n' > crlf.txt
xinzhi text segment --no-hmm crlf.txt
printf '北京\n\xff\xfe\n' > bad.txt
xinzhi text segment bad.txt; echo "exit $?"
xinzhi text segment missing.txt; echo "exit $?"
