# Data envelopment analysis on published examples, and the errors bad tables get.
# tolerance: 1e-6 relative
# checked: efficiency of EG1 (0.5, 1, 0.833, 0.714, 1; firm A's slack 0.5 on x2; C's peers B 1.0
#   and E 0.5, D's B 0.214 and E 0.286) against DEAP 2.1's EG1-out.txt (Coelli 1996; Coelli, Rao &
#   Battese 1998 Table 6.2); the Malmquist rows of year 2 (effch 0.750 1.125 1.000 0.562 0.900,
#   techch 1.333, tfpch 1.000 1.500 1.333 0.750 1.200) and the period means (0.844 1.333 0.955
#   0.883 1.125) against DEAP's EG4-out.txt; the SBM scores (0.4 1 0.8 0.6 0.4 0.4 0.5143 0.2)
#   against DataEnvelopmentAnalysis.jl's test/deaerg.jl; the global Malmquist–Luenberger
#   indices (A 4/3, B 1.2) by hand as in tests/engines/dea/dea_test.cpp. The rest is behaviour
#   (messages, exit codes).
xinzhi dea efficiency --data fixtures/dea/eg1.csv --unit firm --inputs x1,x2 --outputs y
xinzhi dea efficiency --data fixtures/dea/eg1.csv --inputs x1,x2 --outputs y --json
xinzhi dea efficiency --data fixtures/dea/eg1.csv --unit firm --inputs x1,x2 --outputs y --model bcc --orientation output
xinzhi dea malmquist --panel fixtures/dea/eg4.csv --unit firm --time year --inputs x --outputs y --orientation output
xinzhi dea malmquist --panel fixtures/dea/eg4.csv --unit firm --time year --inputs x --outputs y --json | head -20
xinzhi dea sbm --data fixtures/dea/erg.csv --unit dmu --inputs x --outputs y --json
xinzhi dea ml --panel fixtures/dea/ml.csv --unit unit --time period --inputs x --outputs y --undesirable b
xinzhi dea sbm --data fixtures/dea/ml.csv --inputs x --outputs y --undesirable b --rts vrs; echo "exit $?"
xinzhi dea efficiency --data fixtures/dea/negative.csv --unit firm --inputs x1,x2 --outputs y; echo "exit $?"
xinzhi dea efficiency --data fixtures/dea/zero_inputs.csv --unit firm --inputs x1,x2 --outputs y; echo "exit $?"
xinzhi dea efficiency --data fixtures/dea/text_cell.csv --unit firm --inputs x1,x2 --outputs y; echo "exit $?"
xinzhi dea efficiency --data fixtures/dea/eg1.csv --unit firm --inputs x1,x3 --outputs y; echo "exit $?"
xinzhi dea malmquist --panel fixtures/dea/unbalanced.csv --unit firm --time year --inputs x --outputs y; echo "exit $?"
xinzhi dea malmquist --panel fixtures/dea/twice.csv --unit firm --time year --inputs x --outputs y; echo "exit $?"
xinzhi dea efficiency --data fixtures/dea/absent.csv --inputs x --outputs y; echo "exit $?"
xinzhi mcda critic --matrix fixtures/mcda/diakoulaki.csv --json
