#!/usr/bin/env python3
"""Checks deploy/compose.yaml and deploy/kubernetes/*.yaml without a cluster or a Docker daemon (run by
.ci/image): valid YAML, and what must agree with the image and the server: port 8080, uid 10001, the
/data volume, the health endpoints that exist (/health/ready, /health/live), only LUDUS_* settings,
the operator key taken from a Secret or the environment and never written in, references between
the Kubernetes objects. Prints one line per problem and exits 1 when there is one."""
import pathlib
import re
import sys

import yaml

deploy = pathlib.Path(__file__).resolve().parent.parent
problems = []


def expect(condition, message):
    if not condition:
        problems.append(message)


def load(path):
    try:
        return [doc for doc in yaml.safe_load_all(path.read_text()) if doc is not None]
    except yaml.YAMLError as e:
        problems.append(f"{path.name}: not valid YAML: {e}")
        return []


# compose.yaml
compose = load(deploy / "compose.yaml")
if compose:
    services = compose[0].get("services", {})
    expect(set(services) >= {"ludus", "postgres", "redis"}, "compose: services ludus, postgres and redis")
    ludus = services.get("ludus", {})
    env = ludus.get("environment", {})
    expect(all(k.startswith("LUDUS_") for k in env), "compose: ludus is configured only through LUDUS_* variables")
    expect(env.get("LUDUS_DB_URL", "").startswith("jdbc:postgresql://postgres:"), "compose: LUDUS_DB_URL names the postgres service")
    expect(env.get("LUDUS_REDIS_URL", "").startswith("redis://redis:"), "compose: LUDUS_REDIS_URL names the redis service")
    expect(re.fullmatch(r"\$\{LUDUS_ADMIN_KEY:\?[^}]+\}", env.get("LUDUS_ADMIN_KEY", "")) is not None,
           "compose: LUDUS_ADMIN_KEY comes from the environment or deploy/.env, required")
    expect("${POSTGRES_PASSWORD:?" in env.get("LUDUS_DB_URL", ""), "compose: the database password comes from the environment")
    expect("8080:8080" in ludus.get("ports", []), "compose: port 8080 published")
    expect(any(str(v).endswith(":/data") for v in ludus.get("volumes", [])), "compose: a volume on /data")
    expect(ludus.get("healthcheck", {}).get("test") == ["CMD", "/usr/local/bin/ludus-healthcheck"], "compose: ludus's health check")
    for dependency in ("postgres", "redis"):
        expect(ludus.get("depends_on", {}).get(dependency, {}).get("condition") == "service_healthy",
               f"compose: ludus waits for {dependency} to be healthy")
        expect("healthcheck" in services.get(dependency, {}), f"compose: {dependency} has a health check")

# kubernetes/
objects = {}
kubernetes = deploy / "kubernetes"
for path in sorted(kubernetes.glob("*.yaml")):
    for doc in load(path):
        objects[(doc.get("kind"), doc.get("metadata", {}).get("name"))] = doc
kustomization = objects.pop(("Kustomization", None), None)
expect(kustomization is not None, "kubernetes: kustomization.yaml")
if kustomization:
    for resource in kustomization.get("resources", []):
        expect((kubernetes / resource).is_file(), f"kubernetes: kustomization names a missing {resource}")

deployment = objects.get(("Deployment", "ludus"))
expect(deployment is not None, "kubernetes: a Deployment ludus")
if deployment:
    spec = deployment["spec"]
    pod = spec["template"]["spec"]
    labels = spec["template"]["metadata"]["labels"]
    expect(spec.get("replicas") == 2, "kubernetes: two replicas")
    expect(spec["selector"]["matchLabels"].items() <= labels.items(), "kubernetes: the selector matches the pods")
    expect(pod.get("securityContext", {}).get("runAsNonRoot") is True, "kubernetes: runAsNonRoot")
    expect(pod.get("securityContext", {}).get("runAsUser") == 10001, "kubernetes: runAsUser 10001, the image's user")
    expect(pod.get("terminationGracePeriodSeconds", 30) >= 15, "kubernetes: time to stop after SIGTERM")
    container = pod["containers"][0]
    expect({"name": "http", "containerPort": 8080} in container.get("ports", []), "kubernetes: container port 8080 named http")
    expect(container.get("readinessProbe", {}).get("httpGet", {}).get("path") == "/health/ready", "kubernetes: readiness on /health/ready")
    expect(container.get("livenessProbe", {}).get("httpGet", {}).get("path") == "/health/live", "kubernetes: liveness on /health/live")
    expect(container.get("securityContext", {}).get("readOnlyRootFilesystem") is True, "kubernetes: read-only root file system")
    expect("memory" in container.get("resources", {}).get("limits", {}), "kubernetes: a memory limit")
    mounts = {m["mountPath"] for m in container.get("volumeMounts", [])}
    expect({"/data", "/tmp"} <= mounts, "kubernetes: /data and /tmp writable")
    for source in container.get("envFrom", []):
        for kind, key in (("Secret", "secretRef"), ("ConfigMap", "configMapRef")):
            if key in source:
                expect((kind, source[key]["name"]) in objects, f"kubernetes: envFrom names a missing {kind} {source[key]['name']}")
    expect(not container.get("env"), "kubernetes: settings come from the Secret and the ConfigMap")

secret = objects.get(("Secret", "ludus"), {}).get("stringData", {})
expect(set(secret) >= {"LUDUS_ADMIN_KEY", "LUDUS_DB_URL", "LUDUS_REDIS_URL"}, "kubernetes: the Secret holds the operator key and the URLs")
expect(len(secret.get("LUDUS_ADMIN_KEY", "")) < 32, "kubernetes: the Secret's operator key is a placeholder Ludus refuses")
config = objects.get(("ConfigMap", "ludus"), {}).get("data", {})
expect(all(k.startswith("LUDUS_") for k in list(secret) + list(config)), "kubernetes: only LUDUS_* settings")
expect("LUDUS_ADMIN_KEY" not in config and "LUDUS_DB_URL" not in config, "kubernetes: no secret in the ConfigMap")

service = objects.get(("Service", "ludus"))
expect(service is not None, "kubernetes: a Service ludus")
if service and deployment:
    expect(service["spec"]["selector"].items() <= deployment["spec"]["template"]["metadata"]["labels"].items(),
           "kubernetes: the Service selects the pods")
    expect(all(p.get("targetPort") in ("http", 8080) for p in service["spec"]["ports"]), "kubernetes: the Service targets port 8080")

for problem in problems:
    print(f"check-deploy: {problem}")
if problems:
    sys.exit(1)
print(f"check-deploy: compose.yaml, kustomization.yaml and {len(objects)} Kubernetes objects agree with the image")
