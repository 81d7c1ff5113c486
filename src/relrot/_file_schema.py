"""The rotation file's core schema, as pydantic writes it for relrot's models.

Written by `relrot.file_validator.saved_source` (`make golden`); do not edit. It is
used only by a run whose pydantic releases and model.py match `MADE_WITH`; the schema
is made only then, since it names the functions of the models it was written for.
"""

from typing import Any

from relrot import model

MADE_WITH = {
 'pydantic': '2.14.4',
 'pydantic-core': '2.50.5',
 'model.py': '5a7e3bcdcc39b76599f40fd7a55f0e5a3606548f3203108db93b0b4d342e11c4',
}
CONFIG: dict[str, Any] = {
 'extra_fields_behavior': 'forbid',
 'validate_by_alias': True,
 'validate_by_name': True,
 'title': 'RotationFile',
}


def schema() -> dict[str, Any]:
    return {
     'type': 'definitions',
     'schema': {
      'type': 'function-after',
      'function': {
       'type': 'no-info',
       'function': model.RotationFile._one_or_several,
      },
      'schema': {
       'type': 'model',
       'cls': model.RotationFile,
       'schema': {
        'type': 'model-fields',
        'fields': {
         'project': {
          'type': 'model-field',
          'schema': {
           'type': 'default',
           'schema': {
            'type': 'model',
            'cls': model.ProjectInfo,
            'schema': {
             'type': 'model-fields',
             'fields': {
              'name': {
               'type': 'model-field',
               'schema': {
                'type': 'default',
                'schema': {
                 'type': 'nullable',
                 'schema': {
                  'type': 'str',
                 },
                },
                'default': None,
               },
              },
              'repository': {
               'type': 'model-field',
               'schema': {
                'type': 'default',
                'schema': {
                 'type': 'function-after',
                 'function': {
                  'type': 'no-info',
                  'function': model.ProjectInfo._owner_and_name,
                 },
                 'schema': {
                  'type': 'nullable',
                  'schema': {
                   'type': 'str',
                  },
                 },
                },
                'default': None,
               },
              },
              'issue_template': {
               'type': 'model-field',
               'schema': {
                'type': 'default',
                'schema': {
                 'type': 'nullable',
                 'schema': {
                  'type': 'str',
                 },
                },
                'default': None,
               },
              },
              'issue_title': {
               'type': 'model-field',
               'schema': {
                'type': 'default',
                'schema': {
                 'type': 'function-after',
                 'function': {
                  'type': 'no-info',
                  'function': model.ProjectInfo._names_the_release,
                 },
                 'schema': {
                  'type': 'nullable',
                  'schema': {
                   'type': 'str',
                  },
                 },
                },
                'default': None,
               },
              },
              'issue_opens': {
               'type': 'model-field',
               'schema': {
                'type': 'default',
                'schema': {
                 'type': 'nullable',
                 'schema': {
                  'type': 'function-before',
                  'function': {
                   'type': 'no-info',
                   'function': model._issue_opens,
                  },
                  'schema': {
                   'type': 'union',
                   'choices': [
                    {
                     'type': 'str',
                    },
                    {
                     'type': 'int',
                    },
                   ],
                  },
                 },
                },
                'default': None,
               },
              },
              'remind_days': {
               'type': 'model-field',
               'schema': {
                'type': 'default',
                'schema': {
                 'type': 'function-before',
                 'function': {
                  'type': 'no-info',
                  'function': model.ProjectInfo._days_ahead,
                 },
                 'schema': {
                  'type': 'tuple',
                  'items_schema': [
                   {
                    'type': 'int',
                   },
                  ],
                  'variadic_item_index': 0,
                 },
                },
                'default': (
                 14,
                 1,
                ),
               },
              },
             },
             'model_name': 'ProjectInfo',
             'computed_fields': [],
            },
            'custom_init': False,
            'root_model': False,
            'config': {
             'extra_fields_behavior': 'forbid',
             'validate_by_alias': True,
             'validate_by_name': True,
             'title': 'ProjectInfo',
            },
            'ref': 'relrot.model.ProjectInfo',
           },
           'default_factory': model.ProjectInfo.model_construct,
           'default_factory_takes_data': False,
          },
         },
         'schedule': {
          'type': 'model-field',
          'schema': {
           'type': 'default',
           'schema': {
            'type': 'function-before',
            'function': {
             'type': 'no-info',
             'function': model.RotationFile._a_schedule,
            },
            'schema': {
             'type': 'nullable',
             'schema': {
              'type': 'definition-ref',
              'schema_ref': 'relrot.model.Schedule',
             },
            },
           },
           'default': None,
          },
         },
         'rotation': {
          'type': 'model-field',
          'schema': {
           'type': 'default',
           'schema': {
            'type': 'definition-ref',
            'schema_ref': 'relrot.model.Rotation',
           },
           'default_factory': model.Rotation.model_construct,
           'default_factory_takes_data': False,
          },
         },
         'members': {
          'type': 'model-field',
          'schema': {
           'type': 'tuple',
           'items_schema': [
            {
             'type': 'model',
             'cls': model.Member,
             'schema': {
              'type': 'model-fields',
              'fields': {
               'id': {
                'type': 'model-field',
                'schema': {
                 'type': 'function-after',
                 'function': {
                  'type': 'no-info',
                  'function': model.Member._id_shape,
                 },
                 'schema': {
                  'type': 'str',
                 },
                },
               },
               'name': {
                'type': 'model-field',
                'schema': {
                 'type': 'default',
                 'schema': {
                  'type': 'nullable',
                  'schema': {
                   'type': 'str',
                  },
                 },
                 'default': None,
                },
               },
               'core': {
                'type': 'model-field',
                'schema': {
                 'type': 'default',
                 'schema': {
                  'type': 'bool',
                  'strict': True,
                 },
                 'default': True,
                },
               },
               'joined': {
                'type': 'model-field',
                'schema': {
                 'type': 'default',
                 'schema': {
                  'type': 'nullable',
                  'schema': {
                   'type': 'function-before',
                   'function': {
                    'type': 'no-info',
                    'function': model._iso_date,
                   },
                   'schema': {
                    'type': 'date',
                   },
                  },
                 },
                 'default': None,
                },
               },
               'left': {
                'type': 'model-field',
                'schema': {
                 'type': 'default',
                 'schema': {
                  'type': 'nullable',
                  'schema': {
                   'type': 'function-before',
                   'function': {
                    'type': 'no-info',
                    'function': model._iso_date,
                   },
                   'schema': {
                    'type': 'date',
                   },
                  },
                 },
                 'default': None,
                },
               },
               'github': {
                'type': 'model-field',
                'schema': {
                 'type': 'default',
                 'schema': {
                  'type': 'function-after',
                  'function': {
                   'type': 'no-info',
                   'function': model.Member._handle,
                  },
                  'schema': {
                   'type': 'nullable',
                   'schema': {
                    'type': 'str',
                   },
                  },
                 },
                 'default': None,
                },
               },
               'experienced': {
                'type': 'model-field',
                'schema': {
                 'type': 'default',
                 'schema': {
                  'type': 'bool',
                  'strict': True,
                 },
                 'default': False,
                },
               },
               'chat': {
                'type': 'model-field',
                'schema': {
                 'type': 'default',
                 'schema': {
                  'type': 'function-after',
                  'function': {
                   'type': 'no-info',
                   'function': model.Member._chat_mention,
                  },
                  'schema': {
                   'type': 'nullable',
                   'schema': {
                    'type': 'str',
                   },
                  },
                 },
                 'default': None,
                },
               },
               'away': {
                'type': 'model-field',
                'schema': {
                 'type': 'default',
                 'schema': {
                  'type': 'function-before',
                  'function': {
                   'type': 'no-info',
                   'function': model.Member._away_left_empty,
                  },
                  'schema': {
                   'type': 'tuple',
                   'items_schema': [
                    {
                     'type': 'definition-ref',
                     'schema_ref': 'relrot.model.DateRange',
                    },
                   ],
                   'variadic_item_index': 0,
                  },
                 },
                 'default': (),
                },
               },
              },
              'model_name': 'Member',
              'computed_fields': [],
             },
             'custom_init': False,
             'root_model': False,
             'config': {
              'extra_fields_behavior': 'forbid',
              'validate_by_alias': True,
              'validate_by_name': True,
              'title': 'Member',
             },
             'ref': 'relrot.model.Member',
            },
           ],
           'variadic_item_index': 0,
          },
         },
         'roles': {
          'type': 'model-field',
          'schema': {
           'type': 'default',
           'schema': {
            'type': 'function-before',
            'function': {
             'type': 'no-info',
             'function': model.RotationFile._left_empty,
            },
            'schema': {
             'type': 'tuple',
             'items_schema': [
              {
               'type': 'function-after',
               'function': {
                'type': 'no-info',
                'function': model.CrewRole._term_rotates,
               },
               'schema': {
                'type': 'model',
                'cls': model.CrewRole,
                'schema': {
                 'type': 'model-fields',
                 'fields': {
                  'id': {
                   'type': 'model-field',
                   'schema': {
                    'type': 'function-after',
                    'function': {
                     'type': 'no-info',
                     'function': model.CrewRole._id_shape,
                    },
                    'schema': {
                     'type': 'str',
                    },
                   },
                  },
                  'name': {
                   'type': 'model-field',
                   'schema': {
                    'type': 'default',
                    'schema': {
                     'type': 'nullable',
                     'schema': {
                      'type': 'str',
                     },
                    },
                    'default': None,
                   },
                  },
                  'fill': {
                   'type': 'model-field',
                   'schema': {
                    'type': 'default',
                    'schema': {
                     'type': 'literal',
                     'expected': [
                      'rotate',
                      'request',
                     ],
                    },
                    'default': 'rotate',
                   },
                  },
                  'pool': {
                   'type': 'model-field',
                   'schema': {
                    'type': 'default',
                    'schema': {
                     'type': 'nullable',
                     'schema': {
                      'type': 'tuple',
                      'items_schema': [
                       {
                        'type': 'str',
                       },
                      ],
                      'variadic_item_index': 0,
                     },
                    },
                    'default': None,
                   },
                  },
                  'term': {
                   'type': 'model-field',
                   'schema': {
                    'type': 'default',
                    'schema': {
                     'type': 'int',
                     'strict': True,
                     'ge': 1,
                     'le': 24,
                    },
                    'default': 1,
                   },
                  },
                  'apart_from': {
                   'type': 'model-field',
                   'schema': {
                    'type': 'default',
                    'schema': {
                     'type': 'function-after',
                     'function': {
                      'type': 'no-info',
                      'function': model.CrewRole._seat_shapes,
                     },
                     'schema': {
                      'type': 'tuple',
                      'items_schema': [
                       {
                        'type': 'str',
                       },
                      ],
                      'variadic_item_index': 0,
                     },
                    },
                    'default': (
                     'pilot',
                     'co_pilot',
                    ),
                   },
                  },
                  'start': {
                   'type': 'model-field',
                   'schema': {
                    'type': 'default',
                    'schema': {
                     'type': 'nullable',
                     'schema': {
                      'type': 'str',
                     },
                    },
                    'default': None,
                   },
                   'validation_alias': 'from',
                   'serialization_alias': 'from',
                  },
                  'projects': {
                   'type': 'model-field',
                   'schema': {
                    'type': 'default',
                    'schema': {
                     'type': 'nullable',
                     'schema': {
                      'type': 'tuple',
                      'items_schema': [
                       {
                        'type': 'str',
                       },
                      ],
                      'variadic_item_index': 0,
                     },
                    },
                    'default': None,
                   },
                  },
                 },
                 'model_name': 'CrewRole',
                 'computed_fields': [],
                },
                'custom_init': False,
                'root_model': False,
                'config': {
                 'extra_fields_behavior': 'forbid',
                 'validate_by_alias': True,
                 'validate_by_name': True,
                 'title': 'CrewRole',
                },
               },
               'ref': 'relrot.model.CrewRole',
              },
             ],
             'variadic_item_index': 0,
            },
           },
           'default': (),
          },
         },
         'jump_seat': {
          'type': 'model-field',
          'schema': {
           'type': 'default',
           'schema': {
            'type': 'function-before',
            'function': {
             'type': 'no-info',
             'function': model.RotationFile._left_empty,
            },
            'schema': {
             'type': 'tuple',
             'items_schema': [
              {
               'type': 'definition-ref',
               'schema_ref': 'relrot.model.JumpSeatRequest',
              },
             ],
             'variadic_item_index': 0,
            },
           },
           'default': (),
          },
         },
         'requests': {
          'type': 'model-field',
          'schema': {
           'type': 'default',
           'schema': {
            'type': 'function-before',
            'function': {
             'type': 'no-info',
             'function': model.RotationFile._left_empty,
            },
            'schema': {
             'type': 'tuple',
             'items_schema': [
              {
               'type': 'definition-ref',
               'schema_ref': 'relrot.model.RoleRequest',
              },
             ],
             'variadic_item_index': 0,
            },
           },
           'default': (),
          },
         },
         'releases': {
          'type': 'model-field',
          'schema': {
           'type': 'default',
           'schema': {
            'type': 'function-before',
            'function': {
             'type': 'no-info',
             'function': model.RotationFile._left_empty,
            },
            'schema': {
             'type': 'tuple',
             'items_schema': [
              {
               'type': 'definition-ref',
               'schema_ref': 'relrot.model.PinnedRelease',
              },
             ],
             'variadic_item_index': 0,
            },
           },
           'default': (),
          },
         },
         'swaps': {
          'type': 'model-field',
          'schema': {
           'type': 'default',
           'schema': {
            'type': 'function-before',
            'function': {
             'type': 'no-info',
             'function': model.RotationFile._left_empty,
            },
            'schema': {
             'type': 'tuple',
             'items_schema': [
              {
               'type': 'definition-ref',
               'schema_ref': 'relrot.model.Swap',
              },
             ],
             'variadic_item_index': 0,
            },
           },
           'default': (),
          },
         },
         'projects': {
          'type': 'model-field',
          'schema': {
           'type': 'default',
           'schema': {
            'type': 'function-before',
            'function': {
             'type': 'no-info',
             'function': model.RotationFile._left_empty,
            },
            'schema': {
             'type': 'tuple',
             'items_schema': [
              {
               'type': 'function-after',
               'function': {
                'type': 'no-info',
                'function': model.ProjectEntry._one_kind,
               },
               'schema': {
                'type': 'model',
                'cls': model.ProjectEntry,
                'schema': {
                 'type': 'model-fields',
                 'fields': {
                  'name': {
                   'type': 'model-field',
                   'schema': {
                    'type': 'default',
                    'schema': {
                     'type': 'nullable',
                     'schema': {
                      'type': 'str',
                     },
                    },
                    'default': None,
                   },
                  },
                  'repository': {
                   'type': 'model-field',
                   'schema': {
                    'type': 'default',
                    'schema': {
                     'type': 'function-after',
                     'function': {
                      'type': 'no-info',
                      'function': model.ProjectEntry._owner_and_name,
                     },
                     'schema': {
                      'type': 'nullable',
                      'schema': {
                       'type': 'str',
                      },
                     },
                    },
                    'default': None,
                   },
                  },
                  'issue_template': {
                   'type': 'model-field',
                   'schema': {
                    'type': 'default',
                    'schema': {
                     'type': 'nullable',
                     'schema': {
                      'type': 'str',
                     },
                    },
                    'default': None,
                   },
                  },
                  'issue_title': {
                   'type': 'model-field',
                   'schema': {
                    'type': 'default',
                    'schema': {
                     'type': 'function-after',
                     'function': {
                      'type': 'no-info',
                      'function': model.ProjectEntry._names_the_release,
                     },
                     'schema': {
                      'type': 'nullable',
                      'schema': {
                       'type': 'str',
                      },
                     },
                    },
                    'default': None,
                   },
                  },
                  'issue_opens': {
                   'type': 'model-field',
                   'schema': {
                    'type': 'default',
                    'schema': {
                     'type': 'nullable',
                     'schema': {
                      'type': 'function-before',
                      'function': {
                       'type': 'no-info',
                       'function': model._issue_opens,
                      },
                      'schema': {
                       'type': 'union',
                       'choices': [
                        {
                         'type': 'str',
                        },
                        {
                         'type': 'int',
                        },
                       ],
                      },
                     },
                    },
                    'default': None,
                   },
                  },
                  'remind_days': {
                   'type': 'model-field',
                   'schema': {
                    'type': 'default',
                    'schema': {
                     'type': 'function-before',
                     'function': {
                      'type': 'no-info',
                      'function': model.ProjectEntry._days_ahead,
                     },
                     'schema': {
                      'type': 'tuple',
                      'items_schema': [
                       {
                        'type': 'int',
                       },
                      ],
                      'variadic_item_index': 0,
                     },
                    },
                    'default': (
                     14,
                     1,
                    ),
                   },
                  },
                  'id': {
                   'type': 'model-field',
                   'schema': {
                    'type': 'function-after',
                    'function': {
                     'type': 'no-info',
                     'function': model.ProjectEntry._id_shape,
                    },
                    'schema': {
                     'type': 'str',
                    },
                   },
                  },
                  'schedule': {
                   'type': 'model-field',
                   'schema': {
                    'type': 'default',
                    'schema': {
                     'type': 'nullable',
                     'schema': {
                      'type': 'definition-ref',
                      'schema_ref': 'relrot.model.Schedule',
                     },
                    },
                    'default': None,
                   },
                  },
                  'crew_from': {
                   'type': 'model-field',
                   'schema': {
                    'type': 'default',
                    'schema': {
                     'type': 'nullable',
                     'schema': {
                      'type': 'str',
                     },
                    },
                    'default': None,
                   },
                  },
                  'on_demand': {
                   'type': 'model-field',
                   'schema': {
                    'type': 'default',
                    'schema': {
                     'type': 'nullable',
                     'schema': {
                      'type': 'model',
                      'cls': model.OnDemand,
                      'schema': {
                       'type': 'model-fields',
                       'fields': {
                        'first_term': {
                         'type': 'model-field',
                         'schema': {
                          'type': 'function-after',
                          'function': {
                           'type': 'no-info',
                           'function': model.OnDemand._month_start,
                          },
                          'schema': {
                           'type': 'function-before',
                           'function': {
                            'type': 'no-info',
                            'function': model._iso_date,
                           },
                           'schema': {
                            'type': 'date',
                           },
                          },
                         },
                        },
                        'every_months': {
                         'type': 'model-field',
                         'schema': {
                          'type': 'default',
                          'schema': {
                           'type': 'int',
                           'strict': True,
                           'ge': 1,
                           'le': 120,
                          },
                          'default': 2,
                         },
                        },
                        'timezone': {
                         'type': 'model-field',
                         'schema': {
                          'type': 'default',
                          'schema': {
                           'type': 'function-after',
                           'function': {
                            'type': 'no-info',
                            'function': model.OnDemand._known_zone,
                           },
                           'schema': {
                            'type': 'str',
                           },
                          },
                          'default': 'UTC',
                         },
                        },
                       },
                       'model_name': 'OnDemand',
                       'computed_fields': [],
                      },
                      'custom_init': False,
                      'root_model': False,
                      'config': {
                       'extra_fields_behavior': 'forbid',
                       'validate_by_alias': True,
                       'validate_by_name': True,
                       'title': 'OnDemand',
                      },
                      'ref': 'relrot.model.OnDemand',
                     },
                    },
                    'default': None,
                   },
                  },
                  'rotation': {
                   'type': 'model-field',
                   'schema': {
                    'type': 'default',
                    'schema': {
                     'type': 'nullable',
                     'schema': {
                      'type': 'definition-ref',
                      'schema_ref': 'relrot.model.Rotation',
                     },
                    },
                    'default': None,
                   },
                  },
                  'jump_seat': {
                   'type': 'model-field',
                   'schema': {
                    'type': 'default',
                    'schema': {
                     'type': 'function-before',
                     'function': {
                      'type': 'no-info',
                      'function': model.ProjectEntry._left_empty,
                     },
                     'schema': {
                      'type': 'tuple',
                      'items_schema': [
                       {
                        'type': 'definition-ref',
                        'schema_ref': 'relrot.model.JumpSeatRequest',
                       },
                      ],
                      'variadic_item_index': 0,
                     },
                    },
                    'default': (),
                   },
                  },
                  'requests': {
                   'type': 'model-field',
                   'schema': {
                    'type': 'default',
                    'schema': {
                     'type': 'function-before',
                     'function': {
                      'type': 'no-info',
                      'function': model.ProjectEntry._left_empty,
                     },
                     'schema': {
                      'type': 'tuple',
                      'items_schema': [
                       {
                        'type': 'definition-ref',
                        'schema_ref': 'relrot.model.RoleRequest',
                       },
                      ],
                      'variadic_item_index': 0,
                     },
                    },
                    'default': (),
                   },
                  },
                  'releases': {
                   'type': 'model-field',
                   'schema': {
                    'type': 'default',
                    'schema': {
                     'type': 'function-before',
                     'function': {
                      'type': 'no-info',
                      'function': model.ProjectEntry._left_empty,
                     },
                     'schema': {
                      'type': 'tuple',
                      'items_schema': [
                       {
                        'type': 'definition-ref',
                        'schema_ref': 'relrot.model.PinnedRelease',
                       },
                      ],
                      'variadic_item_index': 0,
                     },
                    },
                    'default': (),
                   },
                  },
                  'swaps': {
                   'type': 'model-field',
                   'schema': {
                    'type': 'default',
                    'schema': {
                     'type': 'function-before',
                     'function': {
                      'type': 'no-info',
                      'function': model.ProjectEntry._left_empty,
                     },
                     'schema': {
                      'type': 'tuple',
                      'items_schema': [
                       {
                        'type': 'definition-ref',
                        'schema_ref': 'relrot.model.Swap',
                       },
                      ],
                      'variadic_item_index': 0,
                     },
                    },
                    'default': (),
                   },
                  },
                 },
                 'model_name': 'ProjectEntry',
                 'computed_fields': [],
                },
                'custom_init': False,
                'root_model': False,
                'config': {
                 'extra_fields_behavior': 'forbid',
                 'validate_by_alias': True,
                 'validate_by_name': True,
                 'title': 'ProjectEntry',
                },
               },
               'ref': 'relrot.model.ProjectEntry',
              },
             ],
             'variadic_item_index': 0,
            },
           },
           'default': (),
          },
         },
        },
        'model_name': 'RotationFile',
        'computed_fields': [],
       },
       'custom_init': False,
       'root_model': False,
       'post_init': 'model_post_init',
       'config': {
        'extra_fields_behavior': 'forbid',
        'validate_by_alias': True,
        'validate_by_name': True,
        'title': 'RotationFile',
       },
      },
      'ref': 'relrot.model.RotationFile',
     },
     'definitions': [
      {
       'type': 'function-after',
       'function': {
        'type': 'no-info',
        'function': model.Schedule._cadence,
       },
       'schema': {
        'type': 'model',
        'cls': model.Schedule,
        'schema': {
         'type': 'model-fields',
         'fields': {
          'first_release': {
           'type': 'model-field',
           'schema': {
            'type': 'function-before',
            'function': {
             'type': 'no-info',
             'function': model._iso_date,
            },
            'schema': {
             'type': 'date',
            },
           },
          },
          'every_months': {
           'type': 'model-field',
           'schema': {
            'type': 'default',
            'schema': {
             'type': 'int',
             'strict': True,
             'ge': 1,
             'le': 120,
            },
            'default': 2,
           },
          },
          'rrule': {
           'type': 'model-field',
           'schema': {
            'type': 'default',
            'schema': {
             'type': 'nullable',
             'schema': {
              'type': 'str',
             },
            },
            'default': None,
           },
          },
          'version': {
           'type': 'model-field',
           'schema': {
            'type': 'default',
            'schema': {
             'type': 'function-after',
             'function': {
              'type': 'no-info',
              'function': model.Schedule._version_fields,
             },
             'schema': {
              'type': 'str',
             },
            },
            'default': '{yy}.{m}.0',
           },
          },
          'timezone': {
           'type': 'model-field',
           'schema': {
            'type': 'default',
            'schema': {
             'type': 'function-after',
             'function': {
              'type': 'no-info',
              'function': model.Schedule._known_zone,
             },
             'schema': {
              'type': 'str',
             },
            },
            'default': 'UTC',
           },
          },
          'skip': {
           'type': 'model-field',
           'schema': {
            'type': 'default',
            'schema': {
             'type': 'tuple',
             'items_schema': [
              {
               'type': 'str',
              },
             ],
             'variadic_item_index': 0,
            },
            'default': (),
           },
          },
          'blocked_weekdays': {
           'type': 'model-field',
           'schema': {
            'type': 'default',
            'schema': {
             'type': 'tuple',
             'items_schema': [
              {
               'type': 'literal',
               'expected': [
                'monday',
                'tuesday',
                'wednesday',
                'thursday',
                'friday',
                'saturday',
                'sunday',
               ],
              },
             ],
             'variadic_item_index': 0,
            },
            'default': (
             'saturday',
             'sunday',
            ),
           },
          },
          'blackout': {
           'type': 'model-field',
           'schema': {
            'type': 'default',
            'schema': {
             'type': 'tuple',
             'items_schema': [
              {
               'type': 'definition-ref',
               'schema_ref': 'relrot.model.DateRange',
              },
             ],
             'variadic_item_index': 0,
            },
            'default': (),
           },
          },
          'holidays': {
           'type': 'model-field',
           'schema': {
            'type': 'default',
            'schema': {
             'type': 'tuple',
             'items_schema': [
              {
               'type': 'str',
              },
             ],
             'variadic_item_index': 0,
            },
            'default': (),
           },
          },
          'shift': {
           'type': 'model-field',
           'schema': {
            'type': 'default',
            'schema': {
             'type': 'literal',
             'expected': [
              'earlier',
              'later',
             ],
            },
            'default': 'earlier',
           },
          },
          'milestones': {
           'type': 'model-field',
           'schema': {
            'type': 'default',
            'schema': {
             'type': 'tuple',
             'items_schema': [
              {
               'type': 'model',
               'cls': model.Milestone,
               'schema': {
                'type': 'model-fields',
                'fields': {
                 'name': {
                  'type': 'model-field',
                  'schema': {
                   'type': 'str',
                  },
                 },
                 'days': {
                  'type': 'model-field',
                  'schema': {
                   'type': 'int',
                   'strict': True,
                  },
                 },
                 'note': {
                  'type': 'model-field',
                  'schema': {
                   'type': 'default',
                   'schema': {
                    'type': 'nullable',
                    'schema': {
                     'type': 'str',
                    },
                   },
                   'default': None,
                  },
                 },
                },
                'model_name': 'Milestone',
                'computed_fields': [],
               },
               'custom_init': False,
               'root_model': False,
               'config': {
                'extra_fields_behavior': 'forbid',
                'validate_by_alias': True,
                'validate_by_name': True,
                'title': 'Milestone',
               },
               'ref': 'relrot.model.Milestone',
              },
             ],
             'variadic_item_index': 0,
            },
            'default': (),
           },
          },
         },
         'model_name': 'Schedule',
         'computed_fields': [],
        },
        'custom_init': False,
        'root_model': False,
        'config': {
         'extra_fields_behavior': 'forbid',
         'validate_by_alias': True,
         'validate_by_name': True,
         'title': 'Schedule',
        },
       },
       'ref': 'relrot.model.Schedule',
      },
      {
       'type': 'function-after',
       'function': {
        'type': 'no-info',
        'function': model.DateRange._ordered,
       },
       'schema': {
        'type': 'model',
        'cls': model.DateRange,
        'schema': {
         'type': 'model-fields',
         'fields': {
          'start': {
           'type': 'model-field',
           'schema': {
            'type': 'function-before',
            'function': {
             'type': 'no-info',
             'function': model._iso_date,
            },
            'schema': {
             'type': 'date',
            },
           },
           'validation_alias': 'from',
           'serialization_alias': 'from',
          },
          'end': {
           'type': 'model-field',
           'schema': {
            'type': 'function-before',
            'function': {
             'type': 'no-info',
             'function': model._iso_date,
            },
            'schema': {
             'type': 'date',
            },
           },
           'validation_alias': 'to',
           'serialization_alias': 'to',
          },
          'reason': {
           'type': 'model-field',
           'schema': {
            'type': 'default',
            'schema': {
             'type': 'nullable',
             'schema': {
              'type': 'str',
             },
            },
            'default': None,
           },
          },
         },
         'model_name': 'DateRange',
         'computed_fields': [],
        },
        'custom_init': False,
        'root_model': False,
        'config': {
         'extra_fields_behavior': 'forbid',
         'validate_by_alias': True,
         'validate_by_name': True,
         'title': 'DateRange',
        },
       },
       'ref': 'relrot.model.DateRange',
      },
      {
       'type': 'model',
       'cls': model.Rotation,
       'schema': {
        'type': 'model-fields',
        'fields': {
         'stint': {
          'type': 'model-field',
          'schema': {
           'type': 'default',
           'schema': {
            'type': 'tuple',
            'items_schema': [
             {
              'type': 'literal',
              'expected': [
               'pilot',
               'co_pilot',
              ],
             },
            ],
            'variadic_item_index': 0,
           },
           'default': (
            'co_pilot',
            'pilot',
            'pilot',
            'co_pilot',
           ),
          },
         },
        },
        'model_name': 'Rotation',
        'computed_fields': [],
       },
       'custom_init': False,
       'root_model': False,
       'config': {
        'extra_fields_behavior': 'forbid',
        'validate_by_alias': True,
        'validate_by_name': True,
        'title': 'Rotation',
       },
       'ref': 'relrot.model.Rotation',
      },
      {
       'type': 'function-after',
       'function': {
        'type': 'no-info',
        'function': model.JumpSeatRequest._one_kind,
       },
       'schema': {
        'type': 'model',
        'cls': model.JumpSeatRequest,
        'schema': {
         'type': 'model-fields',
         'fields': {
          'member': {
           'type': 'model-field',
           'schema': {
            'type': 'str',
           },
          },
          'release': {
           'type': 'model-field',
           'schema': {
            'type': 'default',
            'schema': {
             'type': 'nullable',
             'schema': {
              'type': 'function-before',
              'function': {
               'type': 'no-info',
               'function': model._release_ref,
              },
              'schema': {
               'type': 'union',
               'choices': [
                {
                 'type': 'str',
                },
                {
                 'type': 'int',
                },
               ],
              },
             },
            },
            'default': None,
           },
          },
          'after': {
           'type': 'model-field',
           'schema': {
            'type': 'default',
            'schema': {
             'type': 'nullable',
             'schema': {
              'type': 'function-before',
              'function': {
               'type': 'no-info',
               'function': model._iso_date,
              },
              'schema': {
               'type': 'date',
              },
             },
            },
            'default': None,
           },
          },
         },
         'model_name': 'JumpSeatRequest',
         'computed_fields': [],
        },
        'custom_init': False,
        'root_model': False,
        'config': {
         'extra_fields_behavior': 'forbid',
         'validate_by_alias': True,
         'validate_by_name': True,
         'title': 'JumpSeatRequest',
        },
       },
       'ref': 'relrot.model.JumpSeatRequest',
      },
      {
       'type': 'function-after',
       'function': {
        'type': 'no-info',
        'function': model.RoleRequest._one_kind,
       },
       'schema': {
        'type': 'model',
        'cls': model.RoleRequest,
        'schema': {
         'type': 'model-fields',
         'fields': {
          'member': {
           'type': 'model-field',
           'schema': {
            'type': 'str',
           },
          },
          'role': {
           'type': 'model-field',
           'schema': {
            'type': 'str',
           },
          },
          'release': {
           'type': 'model-field',
           'schema': {
            'type': 'default',
            'schema': {
             'type': 'nullable',
             'schema': {
              'type': 'function-before',
              'function': {
               'type': 'no-info',
               'function': model._release_ref,
              },
              'schema': {
               'type': 'union',
               'choices': [
                {
                 'type': 'str',
                },
                {
                 'type': 'int',
                },
               ],
              },
             },
            },
            'default': None,
           },
          },
          'after': {
           'type': 'model-field',
           'schema': {
            'type': 'default',
            'schema': {
             'type': 'nullable',
             'schema': {
              'type': 'function-before',
              'function': {
               'type': 'no-info',
               'function': model._iso_date,
              },
              'schema': {
               'type': 'date',
              },
             },
            },
            'default': None,
           },
          },
         },
         'model_name': 'RoleRequest',
         'computed_fields': [],
        },
        'custom_init': False,
        'root_model': False,
        'config': {
         'extra_fields_behavior': 'forbid',
         'validate_by_alias': True,
         'validate_by_name': True,
         'title': 'RoleRequest',
        },
       },
       'ref': 'relrot.model.RoleRequest',
      },
      {
       'type': 'function-after',
       'function': {
        'type': 'no-info',
        'function': model.PinnedRelease._term_or_version,
       },
       'schema': {
        'type': 'model',
        'cls': model.PinnedRelease,
        'schema': {
         'type': 'function-before',
         'function': {
          'type': 'no-info',
          'function': model._term_is_version,
         },
         'schema': {
          'type': 'model-fields',
          'fields': {
           'version': {
            'type': 'model-field',
            'schema': {
             'type': 'str',
            },
           },
           'term': {
            'type': 'model-field',
            'schema': {
             'type': 'default',
             'schema': {
              'type': 'nullable',
              'schema': {
               'type': 'str',
              },
             },
             'default': None,
            },
           },
           'shipped': {
            'type': 'model-field',
            'schema': {
             'type': 'default',
             'schema': {
              'type': 'tuple',
              'items_schema': [
               {
                'type': 'model',
                'cls': model.ShippedRelease,
                'schema': {
                 'type': 'model-fields',
                 'fields': {
                  'version': {
                   'type': 'model-field',
                   'schema': {
                    'type': 'function-after',
                    'function': {
                     'type': 'no-info',
                     'function': model.ShippedRelease._version_text,
                    },
                    'schema': {
                     'type': 'str',
                    },
                   },
                  },
                  'date': {
                   'type': 'model-field',
                   'schema': {
                    'type': 'function-before',
                    'function': {
                     'type': 'no-info',
                     'function': model._iso_date,
                    },
                    'schema': {
                     'type': 'date',
                    },
                   },
                  },
                 },
                 'model_name': 'ShippedRelease',
                 'computed_fields': [],
                },
                'custom_init': False,
                'root_model': False,
                'config': {
                 'extra_fields_behavior': 'forbid',
                 'validate_by_alias': True,
                 'validate_by_name': True,
                 'title': 'ShippedRelease',
                },
                'ref': 'relrot.model.ShippedRelease',
               },
              ],
              'variadic_item_index': 0,
             },
             'default': (),
            },
           },
           'date': {
            'type': 'model-field',
            'schema': {
             'type': 'default',
             'schema': {
              'type': 'nullable',
              'schema': {
               'type': 'function-before',
               'function': {
                'type': 'no-info',
                'function': model._iso_date,
               },
               'schema': {
                'type': 'date',
               },
              },
             },
             'default': None,
            },
           },
           'pilot': {
            'type': 'model-field',
            'schema': {
             'type': 'default',
             'schema': {
              'type': 'nullable',
              'schema': {
               'type': 'str',
              },
             },
             'default': None,
            },
           },
           'co_pilot': {
            'type': 'model-field',
            'schema': {
             'type': 'default',
             'schema': {
              'type': 'nullable',
              'schema': {
               'type': 'str',
              },
             },
             'default': None,
            },
           },
           'jump_seat': {
            'type': 'model-field',
            'schema': {
             'type': 'default',
             'schema': {
              'type': 'nullable',
              'schema': {
               'type': 'str',
              },
             },
             'default': None,
            },
           },
           'also': {
            'type': 'model-field',
            'schema': {
             'type': 'default',
             'schema': {
              'type': 'tuple',
              'items_schema': [
               {
                'type': 'model',
                'cls': model.ExtraCrew,
                'schema': {
                 'type': 'model-fields',
                 'fields': {
                  'member': {
                   'type': 'model-field',
                   'schema': {
                    'type': 'str',
                   },
                  },
                  'role': {
                   'type': 'model-field',
                   'schema': {
                    'type': 'str',
                   },
                  },
                 },
                 'model_name': 'ExtraCrew',
                 'computed_fields': [],
                },
                'custom_init': False,
                'root_model': False,
                'config': {
                 'extra_fields_behavior': 'forbid',
                 'validate_by_alias': True,
                 'validate_by_name': True,
                 'title': 'ExtraCrew',
                },
                'ref': 'relrot.model.ExtraCrew',
               },
              ],
              'variadic_item_index': 0,
             },
             'default': (),
            },
           },
           'roles': {
            'type': 'model-field',
            'schema': {
             'type': 'default',
             'schema': {
              'type': 'dict',
              'keys_schema': {
               'type': 'str',
              },
              'values_schema': {
               'type': 'nullable',
               'schema': {
                'type': 'str',
               },
              },
             },
             'default_factory': dict,
             'default_factory_takes_data': False,
            },
           },
          },
          'model_name': 'PinnedRelease',
          'computed_fields': [],
         },
        },
        'custom_init': False,
        'root_model': False,
        'config': {
         'extra_fields_behavior': 'forbid',
         'validate_by_alias': True,
         'validate_by_name': True,
         'title': 'PinnedRelease',
        },
       },
       'ref': 'relrot.model.PinnedRelease',
      },
      {
       'type': 'model',
       'cls': model.Swap,
       'schema': {
        'type': 'model-fields',
        'fields': {
         'release': {
          'type': 'model-field',
          'schema': {
           'type': 'function-before',
           'function': {
            'type': 'no-info',
            'function': model._release_ref,
           },
           'schema': {
            'type': 'union',
            'choices': [
             {
              'type': 'str',
             },
             {
              'type': 'int',
             },
            ],
           },
          },
         },
         'seat': {
          'type': 'model-field',
          'schema': {
           'type': 'function-after',
           'function': {
            'type': 'no-info',
            'function': model.Swap._seat_shape,
           },
           'schema': {
            'type': 'str',
           },
          },
         },
         'out': {
          'type': 'model-field',
          'schema': {
           'type': 'str',
          },
         },
         'in_': {
          'type': 'model-field',
          'schema': {
           'type': 'str',
          },
          'validation_alias': 'in',
          'serialization_alias': 'in',
         },
         'reason': {
          'type': 'model-field',
          'schema': {
           'type': 'default',
           'schema': {
            'type': 'nullable',
            'schema': {
             'type': 'str',
            },
           },
           'default': None,
          },
         },
        },
        'model_name': 'Swap',
        'computed_fields': [],
       },
       'custom_init': False,
       'root_model': False,
       'config': {
        'extra_fields_behavior': 'forbid',
        'validate_by_alias': True,
        'validate_by_name': True,
        'title': 'Swap',
       },
       'ref': 'relrot.model.Swap',
      },
     ],
    }
