//! Hand-written counterparts of the four documented endpoints: what a careful person would write
//! with serde and no generator. Plain structs (required fields are not `Option`), the same
//! documented checks written out by hand, and the same wire form, byte for byte (the benches
//! assert it before measuring).

use serde::{Deserialize, Serialize};

/// A broken constraint, as a hand-written client would report it.
#[derive(Debug)]
pub struct Invalid(pub &'static str);

fn length(value: Option<&str>, min: usize, max: usize, what: &'static str) -> Result<(), Invalid> {
    match value.map(|v| v.chars().count()) {
        Some(n) if n < min || n > max => Err(Invalid(what)),
        _ => Ok(()),
    }
}

/// Integer enums written as their number.
macro_rules! integer_enum {
    ($name:ident { $($variant:ident = $value:literal),* $(,)? }) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name { $($variant = $value),* }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(*self as i64)
            }
        }
    };
}

/// DingTalk `POST /v1.0/im/group/update` and `POST /topapi/chat/updategroupnick`.
pub mod dingtalk {
    use super::*;

    #[derive(Clone, Debug, Serialize)]
    pub struct UpdateGroup {
        pub chatid: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub owner: Option<String>,
        #[serde(rename = "ownerType", skip_serializing_if = "Option::is_none")]
        pub owner_type: Option<OwnerType>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub add_useridlist: Option<Vec<String>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub del_useridlist: Option<Vec<String>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub add_extidlist: Option<Vec<String>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub del_extidlist: Option<Vec<String>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub icon: Option<String>,
        #[serde(rename = "managementOptions", skip_serializing_if = "Option::is_none")]
        pub management_options: Option<ManagementOptions>,
    }

    impl UpdateGroup {
        /// The page's one constraint: a name of 1 to 20 characters.
        pub fn validate(self) -> Result<Self, Invalid> {
            length(self.name.as_deref(), 1, 20, "name: 1 to 20 characters")?;
            Ok(self)
        }
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
    pub enum OwnerType {
        #[serde(rename = "emp")]
        Emp,
        #[serde(rename = "ext")]
        Ext,
    }

    #[derive(Clone, Debug, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct ManagementOptions {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub mention_all_authority: Option<MentionAllAuthority>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub show_history_type: Option<ShowHistoryType>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub validation_type: Option<ValidationType>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub searchable: Option<Searchable>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub chat_banned_type: Option<ChatBannedType>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub management_type: Option<ManagementType>,
    }

    integer_enum!(MentionAllAuthority { Everyone = 0, OwnerOnly = 1 });
    integer_enum!(ShowHistoryType { Hidden = 0, Visible = 1 });
    integer_enum!(ValidationType { NotRequired = 0, Required = 1 });
    integer_enum!(Searchable { NotSearchable = 0, Searchable = 1 });
    integer_enum!(ChatBannedType { NotBanned = 0, AllBanned = 1 });
    integer_enum!(ManagementType { Everyone = 0, OwnerOnly = 1 });

    #[derive(Clone, Debug, Deserialize)]
    pub struct UpdateGroupResponse {
        #[serde(default)]
        pub success: Option<bool>,
    }

    #[derive(Clone, Debug, Serialize)]
    pub struct UpdateGroupNick {
        pub userid: String,
        pub chatid: String,
        pub group_nick: String,
    }

    #[derive(Clone, Debug, Deserialize)]
    pub struct UpdateGroupNickResponse {
        #[serde(default)]
        pub errcode: Option<i64>,
        #[serde(default)]
        pub errmsg: Option<String>,
        #[serde(default)]
        pub success: Option<bool>,
        #[serde(default)]
        pub request_id: Option<String>,
    }
}

/// Feishu `PATCH /open-apis/contact/v3/group/:group_id`.
pub mod feishu {
    use super::*;

    /// Path, query and body; only the body is JSON.
    #[derive(Clone, Debug)]
    pub struct UpdateUserGroup {
        pub group_id: String,
        pub user_id_type: Option<UserIdType>,
        pub department_id_type: Option<DepartmentIdType>,
        pub body: UpdateUserGroupBody,
    }

    #[derive(Clone, Debug, Serialize)]
    pub struct UpdateUserGroupBody {
        #[serde(skip_serializing_if = "Option::is_none")]
        pub name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum UserIdType {
        OpenId,
        UnionId,
        UserId,
    }

    impl UserIdType {
        pub fn as_str(self) -> &'static str {
            match self {
                UserIdType::OpenId => "open_id",
                UserIdType::UnionId => "union_id",
                UserIdType::UserId => "user_id",
            }
        }
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum DepartmentIdType {
        DepartmentId,
        OpenDepartmentId,
    }

    impl DepartmentIdType {
        pub fn as_str(self) -> &'static str {
            match self {
                DepartmentIdType::DepartmentId => "department_id",
                DepartmentIdType::OpenDepartmentId => "open_department_id",
            }
        }
    }

    impl UpdateUserGroup {
        /// The page's constraints: a name of at most 100 characters, a description of at most
        /// 500.
        pub fn validate(self) -> Result<Self, Invalid> {
            length(self.body.name.as_deref(), 0, 100, "name: at most 100")?;
            length(
                self.body.description.as_deref(),
                0,
                500,
                "description: at most 500",
            )?;
            Ok(self)
        }

        /// The path with `group_id` percent-encoded.
        pub fn path(&self) -> String {
            let mut path = String::from("/open-apis/contact/v3/group/");
            for byte in self.group_id.bytes() {
                if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
                    path.push(byte as char);
                } else {
                    path.push_str(&format!("%{byte:02X}"));
                }
            }
            path
        }

        pub fn query(&self) -> Vec<(&'static str, &'static str)> {
            let mut query = Vec::new();
            if let Some(t) = self.user_id_type {
                query.push(("user_id_type", t.as_str()));
            }
            if let Some(t) = self.department_id_type {
                query.push(("department_id_type", t.as_str()));
            }
            query
        }
    }

    #[derive(Clone, Debug, Deserialize)]
    pub struct UpdateUserGroupResponse {
        #[serde(default)]
        pub code: Option<i64>,
        #[serde(default)]
        pub msg: Option<String>,
        #[serde(default)]
        pub data: Option<UpdateUserGroupData>,
    }

    #[derive(Clone, Debug, Deserialize)]
    pub struct UpdateUserGroupData {}
}

/// WeCom JS-SDK `wx.qy.updateCorpGroupChat`.
pub mod wecom {
    use super::*;

    #[derive(Clone, Debug, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct UpdateCorpGroupChat {
        pub chat_id: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub user_ids_to_add: Option<Vec<String>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub open_user_ids_to_add: Option<Vec<String>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub corp_group_user_ids_to_add: Option<Vec<CorpGroupUser>>,
    }

    #[derive(Clone, Debug, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct CorpGroupUser {
        pub corp_id: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub user_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub open_user_id: Option<String>,
    }

    fn present<T>(list: &Option<Vec<T>>) -> bool {
        list.as_ref().is_some_and(|l| !l.is_empty())
    }

    fn present_str(value: &Option<String>) -> bool {
        value.as_ref().is_some_and(|v| !v.is_empty())
    }

    impl UpdateCorpGroupChat {
        /// The page's two at-least-one-of rules: on the request, and on each entry.
        pub fn validate(self) -> Result<Self, Invalid> {
            if !present(&self.user_ids_to_add)
                && !present(&self.open_user_ids_to_add)
                && !present(&self.corp_group_user_ids_to_add)
            {
                return Err(Invalid(
                    "one of userIdsToAdd, openUserIdsToAdd, corpGroupUserIdsToAdd",
                ));
            }
            for user in self.corp_group_user_ids_to_add.iter().flatten() {
                if !present_str(&user.user_id) && !present_str(&user.open_user_id) {
                    return Err(Invalid("corpGroupUserIdsToAdd[]: userId or openUserId"));
                }
            }
            Ok(self)
        }
    }

    #[derive(Clone, Debug, Deserialize)]
    pub struct UpdateCorpGroupChatResponse {
        #[serde(rename = "errMsg", default)]
        pub err_msg: Option<String>,
    }
}
