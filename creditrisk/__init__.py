__version__ = "0.1.0"
"creditrisk: the main entry points, imported lazily so `import creditrisk` stays fast (torch loads on first use)."
import importlib

_API = {'schema': ['CustomerProfile', 'Label', 'LABELS', 'format_question', 'parse_question', 'chat_messages',
                   'format_answer', 'parse_response'],
        'data': ['prepare_dataset', 'load_dataset_dict', 'load_data_card', 'load_embedded', 'synthetic_kaggle'],
        'rewards': ['REWARD_FUNCS', 'REWARD_WEIGHTS'],
        'models': ['resolve_model', 'load_for_training', 'lora_config', 'qlora_bnb_config'],
        'sft': ['SFTRecipe', 'train_sft'],
        'grpo': ['GRPORecipe', 'train_grpo'],
        'registry': ['register_model', 'load_registry'],
        'export': ['export_gguf', 'export_lora_gguf'],
        'inference': ['Assessment', 'Mode', 'load_assessor', 'assess_parallel'],
        'evaluation': ['evaluate_models', 'evaluate_assessor', 'load_results', 'results_table'],
        'dashboard': ['CreditRiskDashboard']}
_WHERE = {name: mod for mod, names in _API.items() for name in names}
__all__ = list(_WHERE)

def __getattr__(name):
    if name not in _WHERE: raise AttributeError(f"module 'creditrisk' has no attribute {name!r}")
    return getattr(importlib.import_module(f'creditrisk.{_WHERE[name]}'), name)

def __dir__(): return sorted(list(globals()) + __all__)
