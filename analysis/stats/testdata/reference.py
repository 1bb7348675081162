"""Expected values for the analysis/stats tests from statsmodels and scipy
(nobody here wrote them). Regenerate with the Debian packages
python3-statsmodels and python3-scipy:

    cd analysis/stats/testdata && /usr/bin/python3 reference.py > reference_py.txt

Output format as reference_R.txt: "case<TAB>field<TAB>v1,v2,...". The ccard
case reads reference/ccard.csv (committed; provenance in reference/SOURCE.txt) and is left out
when that file is absent; the other cases write their inputs.
"""
import os

import numpy as np
import statsmodels
import statsmodels.api as sm
from statsmodels.stats.oaxaca import OaxacaBlinder
from statsmodels.stats.proportion import confint_proportions_2indep


def emit(case, field, v):
    v = np.atleast_1d(np.asarray(v, dtype=float)).ravel()
    print(f"{case}\t{field}\t" + ",".join(repr(float(x)) for x in v))


print(f"# statsmodels {statsmodels.__version__}, numpy {np.__version__}")
rng = np.random.default_rng(20240601)

# Newcombe hybrid score difference and log-method ratio.
pairs = [(557, 1835, 1198, 2691), (0, 10, 5, 10), (10, 10, 3, 10), (1, 1, 0, 2),
         (3, 7, 9, 11), (0, 25, 1, 40), (40, 40, 39, 41), (12, 13, 2, 19)]
for _ in range(16):
    n1, n2 = rng.integers(1, 300, 2)
    pairs.append((int(rng.binomial(n1, rng.random())), int(n1), int(rng.binomial(n2, rng.random())), int(n2)))
for i, (x1, n1, x2, n2) in enumerate(pairs, 1):
    case = f"prop2/{i}"
    emit(case, "in", [x1, n1, x2, n2])
    for conf in (0.95, 0.9):
        lo, hi = confint_proportions_2indep(x1, n1, x2, n2, method="newcomb", compare="diff", alpha=1 - conf)
        emit(case, f"newcombe_{conf}", [lo, hi])
        if x1 > 0 and x2 > 0:
            lo, hi = confint_proportions_2indep(x1, n1, x2, n2, method="log", compare="ratio", alpha=1 - conf)
            emit(case, f"ratio_{conf}", [lo, hi])

# Logistic regression average marginal effect of a binary regressor
# (discrete change, delta-method SE).
for i, (n, k) in enumerate([(300, 3), (1500, 5)], 1):
    X = np.column_stack([np.ones(n), np.round(rng.normal(size=(n, k - 2)), 3),
                         (rng.random(n) < 0.4).astype(float)])
    beta = np.concatenate([[-0.3], rng.normal(0, 0.7, k - 1)])
    y = (rng.random(n) < 1 / (1 + np.exp(-X @ beta))).astype(float)
    case = f"ame/{i}"
    emit(case, "dim", [n, k]); emit(case, "X", X); emit(case, "y", y)
    res = sm.Logit(y, X).fit(disp=0, tol=1e-14, maxiter=100, method="newton")
    emit(case, "coef", res.params); emit(case, "se", res.bse)
    m = res.get_margeff(at="overall", method="dydx", dummy=True)
    emit(case, "ame", m.margeff[-1]); emit(case, "ame_se", m.margeff_se[-1])


def oaxaca(case, y, X, group):
    """X has the intercept first; group is 1 for A (the higher mean)."""
    exog = np.column_stack([X, group])
    ob = OaxacaBlinder(y, exog, bifurcate=exog.shape[1] - 1, hasconst=True, swap=True)
    e, c, i, gap = ob.three_fold().params
    emit(case, "gap", gap); emit(case, "threefold", [e, c, i])
    for name, kw in [("pooled", {}), ("neumark", {"two_fold_type": "nuemark"}),
                     ("0.5", {"two_fold_type": "reimers"}),
                     ("A", {"two_fold_type": "self_submitted", "submitted_weight": 1.0}),
                     ("B", {"two_fold_type": "self_submitted", "submitted_weight": 0.0})]:
        unexp, exp, _ = ob.two_fold(**kw).params
        emit(case, f"twofold_{name}", [exp, unexp])


# A synthetic wage-gap data set, written out.
nA, nB = 140, 180
XA = np.column_stack([np.ones(nA), np.round(rng.normal(12, 2, nA), 2), (rng.random(nA) < 0.5).astype(float)])
XB = np.column_stack([np.ones(nB), np.round(rng.normal(11, 2, nB), 2), (rng.random(nB) < 0.3).astype(float)])
yA = np.round(XA @ [5, 1.2, 2.0] + rng.normal(0, 3, nA), 3)
yB = np.round(XB @ [4, 1.0, 1.5] + rng.normal(0, 3, nB), 3)
emit("oaxaca/synth", "dimA", XA.shape); emit("oaxaca/synth", "XA", XA); emit("oaxaca/synth", "yA", yA)
emit("oaxaca/synth", "dimB", XB.shape); emit("oaxaca/synth", "XB", XB); emit("oaxaca/synth", "yB", yB)
oaxaca("oaxaca/synth", np.concatenate([yA, yB]), np.vstack([XA, XB]),
       np.concatenate([np.ones(nA), np.zeros(nB)]))

ccard = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                     "reference/ccard.csv")
if os.path.exists(ccard):
    d = np.genfromtxt(ccard, delimiter=",", names=True)
    X = np.column_stack([np.ones(len(d)), d["AGE"], d["INCOME"], d["INCOMESQ"]])
    oaxaca("oaxaca/ccard", d["AVGEXP"], X, d["OWNRENT"])
