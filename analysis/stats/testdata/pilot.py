"""Expected values for the pilot triple difference from statsmodels (nobody
here wrote it), on the data set pilot.R wrote (pilot.csv, committed).
Regenerate with the Debian package python3-statsmodels:

    cd analysis/stats/testdata && /usr/bin/python3 pilot.py > pilot_py.txt

Output as reference_py.txt: "case<TAB>field<TAB>v1,v2,...". The fits use
cov_type="HC1" with use_t=True (t on n - k df, as pilot.R and the Go code).
"""
import itertools

import numpy as np
import pandas as pd
import statsmodels
import statsmodels.formula.api as smf


def emit(case, field, v):
    v = np.atleast_1d(np.asarray(v, dtype=float)).ravel()
    print(f"{case}\t{field}\t" + ",".join(repr(float(x)) for x in v))


print(f"# statsmodels {statsmodels.__version__}, numpy {np.__version__}, pandas {pd.__version__}")
d = pd.read_csv("pilot.csv")
term = "group:pilot:after"
for y in ("cred", "wage"):
    case = f"ddd/{y}"
    f = smf.ols(f"{y} ~ group * pilot * after", data=d).fit(cov_type="HC1", use_t=True)
    emit(case, "ddd", f.params[term])
    emit(case, "se_hc1", f.bse[term])
    emit(case, "t", f.tvalues[term])
    emit(case, "p", f.pvalues[term])
    emit(case, "df", f.df_resid)
    for conf in (0.95, 0.9):
        emit(case, f"ci_{conf}", f.conf_int(alpha=1 - conf).loc[term])

# The general HC1 fit with a covariate, columns ordered as pilot.R's lm.
cols = ["Intercept", "group", "pilot", "after", "age", "group:pilot", "group:after", "pilot:after", term]
f = smf.ols("wage ~ group * pilot * after + age", data=d).fit(cov_type="HC1")
emit("hc1/wage_age", "coef", f.params[cols])
emit("hc1/wage_age", "vcov_hc1", f.cov_params().loc[cols, cols])

# Exact randomization over the 56 assignments, each DDD a statsmodels fit.
for y in ("cred", "wage"):
    dd = []
    for a in itertools.combinations(range(8), 3):
        e = d.assign(p2=d.board.isin(a).astype(int))
        dd.append(smf.ols(f"{y} ~ group * p2 * after", data=e).fit().params["group:p2:after"])
    obs = smf.ols(f"{y} ~ group * pilot * after", data=d).fit().params[term]
    dd = np.abs(np.array(dd))
    emit(f"perm/{y}", "p", np.mean(dd >= abs(obs) * (1 - 1e-9)))
