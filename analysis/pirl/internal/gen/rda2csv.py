# Converts an R .rda file holding data frames to CSV (stdout): used once to turn
# ETA-OPDR/daspUtilities data/PIRL_key.rda into testdata/layout/dol-pirl-key.csv.
# Usage: python3 rda2csv.py PIRL_key.rda > dol-pirl-key.csv
import gzip,struct,sys,csv
b=gzip.open(sys.argv[1]).read()
assert b[:5]==b'RDX2\n' or b[:5]==b'RDX3\n', b[:5]
p=7
def i32():
    global p
    v=struct.unpack('>i',b[p:p+4])[0]; p+=4; return v
ver=i32(); i32(); i32()
if ver==3:
    n=i32(); p+=n
refs=[]
def item():
    global p
    flags=i32()
    t=flags&0xff; hasattr_=flags&(1<<9); hastag=flags&(1<<10)
    if t==0xfe: return None  # NILVALUE
    if t==0xfb: return ('missingarg',)
    if t==0xf2: return ('emptyenv',)
    if t==0xfd: return ('globalenv',)
    if t==0xff:  # REFSXP
        idx=flags>>8
        if idx==0: idx=i32()
        return refs[idx-1]
    if t==1:  # SYMSXP
        s=item(); refs.append(s); return s
    if t==9:  # CHARSXP
        n=i32()
        if n==-1: return None
        s=b[p:p+n].decode('utf-8','replace'); p+=n; return s
    if t in (2,):  # LISTSXP pairlist
        res=[]
        while True:
            a=item() if hasattr_ else None
            tag=item() if hastag else None
            car=item()
            res.append((tag,car))
            nf=i32(); 
            t2=nf&0xff
            if t2==0xfe: break
            hasattr_=nf&(1<<9); hastag=nf&(1<<10)
        return ('pairlist',res)
    if t in (10,13):
        n=i32(); v=list(struct.unpack('>%di'%n,b[p:p+4*n])); p+=4*n
    elif t==14:
        n=i32(); v=list(struct.unpack('>%dd'%n,b[p:p+8*n])); p+=8*n
    elif t in (16,19,20):
        n=i32(); v=[item() for _ in range(n)]
    else:
        raise Exception('type %d at %d'%(t,p))
    attrs=item() if hasattr_ else None
    return ('vec',t,v,attrs)
top=item()
# top is pairlist of (name, value)
for tag,val in top[1]:
    print('object',tag, file=sys.stderr)
    _,t,cols,attrs=val
    names=[x for (k,x) in attrs[1] if k=='names'][0][2]
    print(names,file=sys.stderr)
    w=csv.writer(sys.stdout)
    w.writerow(names)
    n=len(cols[0][2])
    for i in range(n):
        row=[]
        for c in cols:
            x=c[2][i]
            if c[1]==14 and x==x and x==int(x): x=int(x)
            if c[1]==13 and x==-2147483648: x='NA'
            row.append('' if x is None else x)
        w.writerow(row)
