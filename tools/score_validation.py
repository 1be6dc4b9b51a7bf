"""Label-score registered models on a prepared data folder's *validation* split, to choose between models without
touching the test split. Prints accuracy and macro-F1 (with 95% intervals) per model and keeps every row's
probabilities in a JSON file (`labels`, `customer_id`, then one list per model); models already in the file stay.

    python tools/score_validation.py lora,qlora --data models/research/gpu-smollm2/data \
        --registry models/research/gpu-smollm2/registry.json --out val.json
"""
import json, time
from pathlib import Path
from fastcore.script import call_parse
from creditrisk.data import load_dataset_dict, profile_of
from creditrisk.evaluation import _ci, evaluate_predictions, score_in_batches
from creditrisk.inference import load_assessor

@call_parse
def main(models: str, # comma-separated registry names
         data: str='data/processed', # a `prepare_dataset` folder
         registry: str=None, # registry file; default $CREDITRISK_REGISTRY or models/registry.json
         out: str='validation_probs.json', # JSON file for the probabilities
        ):
    val = load_dataset_dict(data)['validation']
    labels, ids = list(val['label']), list(val['customer_id'])
    path = Path(out)
    saved = json.loads(path.read_text()) if path.exists() else dict(labels=labels, customer_id=ids)
    if saved['customer_id'] != ids: raise SystemExit(f"error: {path} holds another validation split; write to a new file")
    profiles = [profile_of(r) for r in val]
    for name in models.split(','):
        t = time.time()
        probs, _ = score_in_batches(load_assessor(name, registry=registry), profiles)
        m = evaluate_predictions(labels, [max(p, key=p.get) for p in probs], probs)
        print(f"{name}: accuracy {_ci(m['accuracy'], m['accuracy_ci'])}, macro-F1 {_ci(m['macro_f1'], m['macro_f1_ci'])} (n={len(labels)}, {time.time() - t:.0f} s)", flush=True)
        saved[name] = [{l: round(v, 5) for l, v in p.items()} for p in probs]
        tmp = path.with_name(f'.{path.name}.tmp'); tmp.write_text(json.dumps(saved)); tmp.replace(path)
