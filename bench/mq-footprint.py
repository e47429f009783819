"""Amazon MQ's footprint: one Wharf build (this checkout's wharf-server/target, after ./wharf build) with ./wharf's JVM
options, its idle RSS, then for three brokers made one after the other (two single-instance, one active/standby) the
time from CreateBroker to RUNNING and the RSS once they idle. Usage: python3 bench/mq-footprint.py"""
import os
import subprocess
import tempfile
import time
import urllib.request

import boto3

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
jh = subprocess.check_output([root + "/wharf", "--find-jdk"], text=True).strip()
sd = root + "/wharf-server/target"
d = tempfile.mkdtemp()
port = 47123
opts = "-XX:+UseSerialGC -Xss512k -Xms8m -XX:ReservedCodeCacheSize=48m --enable-native-access=ALL-UNNAMED -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -XX:-ShrinkHeapInSteps -XX:TrimNativeHeapInterval=1000".split()
env = dict(os.environ, WHARF_MQ_PORT_BASE="52000")
p = subprocess.Popen([jh + "/bin/java", *opts, "-cp", sd + "/wharf-server.jar:" + sd + "/lib/*", "dev.wharf.server.Main", "start",
                      "--storage", "sync", "--data-dir", d, "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
def rss():
    return int([l for l in open(f"/proc/{p.pid}/status") if l.startswith("VmRSS")][0].split()[1]) / 1024
while True:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/_wharf/health"); break
    except Exception:
        time.sleep(0.05)
time.sleep(15)
print(f"idle, no broker: {rss():.1f} MB")
mq = boto3.client("mq", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1", aws_access_key_id="t", aws_secret_access_key="t")
for n, mode in [(1, "SINGLE_INSTANCE"), (2, "SINGLE_INSTANCE"), (3, "ACTIVE_STANDBY_MULTI_AZ")]:
    t0 = time.time()
    b = mq.create_broker(BrokerName=f"m{n}", EngineType="ACTIVEMQ", EngineVersion="5.18", HostInstanceType="mq.t3.micro" if n < 3 else "mq.m5.large",
                         DeploymentMode=mode, PubliclyAccessible=False, AutoMinorVersionUpgrade=True,
                         Users=[{"Username": "app", "Password": "measure-pass-1"}])["BrokerId"]
    while mq.describe_broker(BrokerId=b)["BrokerState"] != "RUNNING":
        time.sleep(0.02)
    t = time.time() - t0
    time.sleep(20)
    print(f"broker {n} ({mode}): CreateBroker to RUNNING {t*1000:.0f} ms; RSS with {n} idle: {rss():.1f} MB")
p.terminate()
p.wait()
